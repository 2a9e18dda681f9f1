package org.optsearch.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.search.Finalist;
import org.optsearch.report.Report;
import org.optsearch.report.RunData;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchStatus;
import org.optsearch.search.StageName;
import org.optsearch.store.ResumePoint;
import org.optsearch.store.StoredEvaluation;
import org.optsearch.store.StoredRun;
import org.optsearch.train.run.TrainResult;

/** Turns a stored run into the report's data: status over time, meta-validation, top programs, curves. */
final class RunReports {
    private static final int TOP = 5;

    private RunReports() {
    }

    static RunData data(StoredRun run) {
        SearchConfig c = run.config();
        ResumePoint rp = run.resumePoint();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mode", c.mode().name().toLowerCase(java.util.Locale.ROOT));
        config.put("budget", c.budget().toString());
        config.put("population, tournament", c.populationSize() + ", " + c.tournamentSize());
        config.put("workers", String.valueOf(c.workers()));
        config.put("stage A", String.join(", ", c.stageA()));
        config.put("stage B", String.join(", ", c.stageB()));
        config.put("stage C", String.join(", ", c.stageC()));
        config.put("start", c.startName());
        config.put("seed", String.valueOf(c.seed()));
        config.put("hurdle", String.valueOf(c.hurdleFactor()));
        config.put("version", run.info().version());
        config.put("git commit", String.valueOf(run.info().gitCommit()));
        List<RunData.StatusPoint> status = new ArrayList<>();
        SearchStatus last = null;
        for (StoredRun.StatusPoint p : run.statusSeries()) {
            SearchStatus s = p.status();
            status.add(new RunData.StatusPoint(s.seconds(), s.generated(), s.evaluated(), s.hashHits(),
                    s.fingerprintHits(), s.redundancy(), s.bestA(), s.medianA(), s.bestB(), s.bestC()));
            last = s;
        }
        List<RunData.MetaPoint> meta = rp.meta().stream().map(m -> new RunData.MetaPoint(m.evaluated(), m.seconds(),
                m.candidate(), m.fitnessA(), m.fitnessB())).toList();
        List<SearchResult.Entry> best = rp.scored().stream().filter(e -> e.fitnessA() != TrainResult.FAILED)
                .sorted(Comparator.comparingDouble(SearchResult.Entry::fitnessA).reversed()).limit(TOP).toList();
        List<RunData.TopProgram> top = new ArrayList<>();
        List<RunData.Curve> curves = new ArrayList<>();
        for (SearchResult.Entry e : best) {
            long id = e.candidate().id();
            String name = id == 0 ? c.startName() + " (start)" : "candidate " + id;
            top.add(new RunData.TopProgram(name, e.program().print(), e.fitnessA(), e.fitnessA2(), e.fitnessB(),
                    e.fitnessC()));
            for (StoredEvaluation ev : run.evaluations(id)) {
                if (ev.stage() == StageName.A || ev.stage() == StageName.A2) {
                    continue; // curves of the larger stages only
                }
                for (TrainResult r : ev.results()) {
                    List<RunData.Curve.Point> points = r.curve().stream()
                            .map(p -> new RunData.Curve.Point(p.step(), p.valLoss())).toList();
                    curves.add(new RunData.Curve(name, r.task(), ev.stage().name(), points));
                }
            }
        }
        SearchStatus s = last != null ? last : new SearchStatus(0, c.budget().toString(), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        RunData.Summary summary = new RunData.Summary(s.seconds(), s.budget(), s.generated(), s.evaluated(),
                s.hashHits(), s.fingerprintHits(), s.invalid(), s.redundancy(), s.hurdleStops(), s.savedSteps(),
                s.failures(), s.evaluatedB(), s.evaluatedC(), s.restarts(), s.bestA(), s.bestB(), s.bestC());
        String label = run.file().getFileName() + " (" + config.get("mode") + ", seed " + c.seed() + ")";
        List<Finalist> finale = run.finalists();
        for (Finalist f : finale) {
            int same = indexOf(top, f.name());
            if (same < 0) {
                top.add(new RunData.TopProgram(f.name(), f.program().print(), f.fitnessA(), f.fitnessB(),
                        f.fitnessC()));
            } else {
                // the end-of-search comparison scored it on every stage it could: its values are the complete ones
                top.set(same, new RunData.TopProgram(f.name(), top.get(same).text(), f.fitnessA(),
                        top.get(same).fitnessA2(), f.fitnessB(), f.fitnessC()));
            }
            if (f.name().equals(c.startName() + " (start)")) {
                markSkipped(config, "stage B", f.fitnessB(), f.trainedB());
                markSkipped(config, "stage C", f.fitnessC(), f.trainedC());
            }
        }
        return withCurves(new RunData(label, config.get("mode"), config, status, meta, top, curves, summary), finale);
    }

    private static int indexOf(List<RunData.TopProgram> top, String name) {
        for (int i = 0; i < top.size(); i++) {
            if (top.get(i).id().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A stage the start program failed on was skipped by the search (no reference): says so, and why. */
    private static void markSkipped(Map<String, String> config, String stage, double startFitness,
            List<TrainResult> trained) {
        if (startFitness != TrainResult.FAILED) {
            return;
        }
        String why = trained.stream().filter(TrainResult::diverged).map(r -> r.task() + ": " + r.divergence())
                .findFirst().orElse("the start program does no better than chance there");
        config.put(stage, config.get(stage) + " (skipped, no reference: " + why + ")");
    }

    /** The data with the learning curves of the end-of-search comparison added (those not there yet). */
    private static RunData withCurves(RunData data, List<Finalist> finalists) {
        List<RunData.Curve> curves = new ArrayList<>(data.curves());
        java.util.Set<String> have = new java.util.HashSet<>();
        for (RunData.Curve c : curves) {
            have.add(c.program() + "|" + c.task() + "|" + c.stage());
        }
        for (var f : finalists) {
            add(curves, have, f.name(), "B", f.trainedB());
            add(curves, have, f.name(), "C", f.trainedC());
        }
        return new RunData(data.label(), data.mode(), data.config(), data.status(), data.meta(), data.top(), curves,
                data.summary());
    }

    private static void add(List<RunData.Curve> curves, java.util.Set<String> have, String name, String stage,
            List<TrainResult> results) {
        for (TrainResult r : results) {
            if (have.add(name + "|" + r.task() + "|" + stage)) {
                curves.add(new RunData.Curve(name, r.task(), stage, r.curve().stream()
                        .map(p -> new RunData.Curve.Point(p.step(), p.valLoss())).toList()));
            }
        }
    }

    /**
     * Writes the report of {@code runs} to {@code html}; when it cannot be written, a {@link CliException}
     * that names the file and why, followed by {@code instead}: what the user can do.
     */
    static void write(List<RunData> runs, Path html, String instead) {
        if (Files.isDirectory(html)) {
            throw new CliException("cannot write the report " + html + ": it is a folder; " + instead);
        }
        try {
            Report.write(runs, html);
        } catch (IOException e) {
            throw new CliException("cannot write the report " + html + ": " + why(e) + "; " + instead);
        }
    }

    /** What went wrong, in words: the JDK's messages for these are often just the path. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return "permission denied (" + a.getFile() + ")";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof NotDirectoryException n) {
            return n.getFile() + " is not a folder";
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder (" + n.getFile() + ")";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + " (" + f.getFile() + ")";
        }
        return String.valueOf(e.getMessage());
    }

    /** The report file next to a store: {@code runs/x.db} -> {@code runs/x.html}. */
    static Path htmlNextTo(Path store) {
        String name = store.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return store.resolveSibling(base + ".html");
    }
}
