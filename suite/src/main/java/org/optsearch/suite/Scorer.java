package org.optsearch.suite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.optsearch.lang.Program;

/**
 * Scores optimizer programs on workloads with targets, under one of two rulesets.
 *
 * <p><b>Self-tuning</b>: the program's own constants, {@code seeds} seeds (1..seeds); its steps on a workload
 * are the median over seeds. <b>External tuning</b>: {@code studies} independent studies (Halton rotation
 * seeds 1..studies) of {@code trials} quasi-random trials each from a search-space file; one trial is one
 * configuration used on every workload (seed 1); per study and workload the fastest trial counts, and the
 * program's steps are the median over studies. The tuned baselines (from the targets file) join the
 * performance profile; AdamW is the reference of the speedup and of the significance tests. Held-out
 * variants are measured and tested but left out of scores, speedups and miss counts, unless only variants
 * were chosen.
 */
public final class Scorer {
    /** The reference baseline of speedups and tests. */
    public static final String REFERENCE = Baselines.ADAMW.id();

    private Scorer() {
    }

    /** A program to score, under a display name. */
    public record Submission(String name, Program program) {
    }

    /** The external-tuning ruleset's settings. */
    public record External(SearchSpace space, int trials, int studies) {
        public External {
            if (trials < 1 || studies < 1) {
                throw new IllegalArgumentException("external tuning needs trials >= 1 and studies >= 1, got " + trials
                        + " and " + studies);
            }
        }
    }

    /**
     * @param external null for the self-tuning ruleset
     * @throws IllegalArgumentException when a workload has no target, or a target no baseline reached
     */
    public static Scoreboard score(List<Submission> programs, List<Workload> workloads, Targets targets, int seeds,
            External external, int threads, Parallel.Progress progress) {
        List<Targets.Entry> entries = new ArrayList<>();
        for (Workload w : workloads) {
            entries.add(entryFor(w, targets));
        }
        if (external != null) {
            for (Submission s : programs) {
                external.space().checkAgainst(s.program(), s.name());
            }
        }
        List<Supplier<Measurement>> jobs = new ArrayList<>();
        for (Submission s : programs) {
            if (external == null) {
                for (int k = 0; k < workloads.size(); k++) {
                    for (int seed = 1; seed <= seeds; seed++) {
                        jobs.add(job(workloads.get(k), entries.get(k), s.program(), s.name(), SearchSpace.DEFAULT_WARMUP,
                                seed));
                    }
                }
            } else {
                for (int study = 1; study <= external.studies(); study++) {
                    for (SearchSpace.Trial trial : external.space().trials(external.trials(), study)) {
                        Program p = trial.apply(s.program());
                        for (int k = 0; k < workloads.size(); k++) {
                            jobs.add(job(workloads.get(k), entries.get(k), p, s.name(), trial.warmupFraction(), 1));
                        }
                    }
                }
            }
        }
        List<Measurement> runs = Parallel.run(jobs, threads, progress);
        List<Scoreboard.Row> rows = new ArrayList<>();
        int next = 0;
        int perProgram = jobs.size() / Math.max(1, programs.size());
        for (Submission s : programs) {
            List<Measurement> mine = runs.subList(next, next + perProgram);
            next += perProgram;
            List<double[]> samples = external == null ? bySeed(mine, workloads.size(), seeds)
                    : byStudy(mine, workloads.size(), external);
            rows.add(row(s.name(), false, samples, mine));
        }
        for (String id : baselineIds(entries)) {
            List<double[]> samples = new ArrayList<>();
            for (Targets.Entry e : entries) {
                Targets.BaselineResult b = e.baselines().get(id);
                samples.add(b == null ? new double[] {Double.POSITIVE_INFINITY} : b.stepsOrInfinity());
            }
            rows.add(row(id, true, samples, List.of()));
        }
        return finish(external == null ? "self" : "external", workloads, entries, rows);
    }

    private static Supplier<Measurement> job(Workload w, Targets.Entry e, Program p, String name, double warmup,
            long seed) {
        return () -> StepsToTarget.measure(w, p, name, e.target(), new StepsToTarget.Run(e.budget(), e.tuningSteps(), warmup, seed, true));
    }

    /** The target entry of a workload, checked. */
    static Targets.Entry entryFor(Workload w, Targets targets) {
        Targets.Entry e = targets.workloads().get(w.name());
        if (e == null) {
            String how = w.description().equals("task file")
                    ? "'optsearch score targets --task FILE --out my-targets.json', then score with --targets my-targets.json"
                    : "'optsearch score targets --workloads " + w.name() + " --out FILE', then score with --targets FILE";
            throw new IllegalArgumentException("workload '" + w.name() + "' has no target in the targets file (made by '"
                    + targets.provenance().command() + "'); compute one with " + how);
        }
        if (!e.reachedByABaseline()) {
            throw new IllegalArgumentException("workload '" + w.name() + "': no baseline reached its target "
                    + e.target() + " within the budget of " + e.budget() + " steps, so steps to it measure nothing;"
                    + " regenerate the targets ('optsearch score targets') or raise the workload's tuning steps");
        }
        if (e.evalInterval() != w.evalInterval() || e.tuningSteps() != w.tuningSteps()) {
            throw new IllegalArgumentException("workload '" + w.name() + "': the targets file was made with evaluation"
                    + " interval " + e.evalInterval() + " and horizon " + e.tuningSteps() + " but the workload now uses "
                    + w.evalInterval() + " and " + w.tuningSteps()
                    + "; regenerate the targets");
        }
        return e;
    }

    private static List<double[]> bySeed(List<Measurement> runs, int workloads, int seeds) {
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < workloads; k++) {
            double[] s = new double[seeds];
            for (int i = 0; i < seeds; i++) {
                s[i] = runs.get(k * seeds + i).steps();
            }
            out.add(s);
        }
        return out;
    }

    private static List<double[]> byStudy(List<Measurement> runs, int workloads, External external) {
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < workloads; k++) {
            double[] fastest = new double[external.studies()];
            Arrays.fill(fastest, Double.POSITIVE_INFINITY);
            out.add(fastest);
        }
        int i = 0;
        for (int study = 0; study < external.studies(); study++) {
            for (int t = 0; t < external.trials(); t++) {
                for (int k = 0; k < workloads; k++) {
                    out.get(k)[study] = Math.min(out.get(k)[study], runs.get(i++).steps());
                }
            }
        }
        return out;
    }

    private static Scoreboard.Row row(String name, boolean baseline, List<double[]> samples, List<Measurement> runs) {
        double[] steps = samples.stream().mapToDouble(Stats::median).toArray();
        double seconds = runs.stream().mapToDouble(Measurement::seconds).sum();
        return new Scoreboard.Row(name, baseline, steps, samples, Double.NaN, Double.NaN, 0, List.of(), runs, seconds);
    }

    private static List<String> baselineIds(List<Targets.Entry> entries) {
        List<String> ids = new ArrayList<>();
        for (Targets.Entry e : entries) {
            for (String id : e.baselines().keySet()) {
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    /** Fills in scores, speedups and tests, given every row's steps. */
    static Scoreboard finish(String ruleset, List<Workload> workloads, List<Targets.Entry> entries,
            List<Scoreboard.Row> rows) {
        int[] counted = counted(workloads);
        double[][] steps = rows.stream().map(r -> pick(r.steps(), counted)).toArray(double[][]::new);
        double[][] ratios = Profiles.ratios(steps);
        Scoreboard.Row reference = rows.stream().filter(r -> r.baseline() && r.name().equals(REFERENCE)).findFirst()
                .orElse(null);
        List<Scoreboard.Row> done = new ArrayList<>();
        Map<String, Targets.Entry> byName = new LinkedHashMap<>();
        for (int k = 0; k < workloads.size(); k++) {
            byName.put(workloads.get(k).name(), entries.get(k));
        }
        for (int s = 0; s < rows.size(); s++) {
            Scoreboard.Row r = rows.get(s);
            double score = Profiles.integral(ratios[s], Profiles.R_MAX);
            double speedup = reference == null ? Double.NaN
                    : Profiles.geometricMeanSpeedup(steps[s], pick(reference.steps(), counted));
            int misses = (int) Arrays.stream(steps[s]).filter(Double::isInfinite).count();
            List<Welch.Result> tests = new ArrayList<>();
            for (int k = 0; k < workloads.size(); k++) {
                tests.add(r.baseline() || reference == null ? null
                        : Significance.test(r.samples().get(k), reference.samples().get(k), entries.get(k)));
            }
            done.add(new Scoreboard.Row(r.name(), r.baseline(), r.steps(), r.samples(), score, speedup, misses, tests,
                    r.runs(), r.seconds()));
        }
        return new Scoreboard(ruleset, workloads.stream().map(Workload::name).toList(), byName, done);
    }

    /**
     * The columns that count in scores, speedups and misses: every workload but the held-out variants, or
     * every workload when only variants were chosen (a held-out check on its own).
     */
    static int[] counted(List<Workload> workloads) {
        int[] fixed = java.util.stream.IntStream.range(0, workloads.size()).filter(k -> !workloads.get(k).heldOut())
                .toArray();
        return fixed.length > 0 ? fixed : java.util.stream.IntStream.range(0, workloads.size()).toArray();
    }

    private static double[] pick(double[] values, int[] columns) {
        double[] out = new double[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = values[columns[i]];
        }
        return out;
    }
}
