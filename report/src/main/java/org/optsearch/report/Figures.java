package org.optsearch.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.optsearch.report.RunData.Curve;
import org.optsearch.report.RunData.MetaPoint;
import org.optsearch.report.RunData.StatusPoint;

/**
 * The report's charts, built from the runs: one color per run throughout (the color of its column in the
 * summary table); within a run, solid and dashed lines tell its measures apart.
 */
final class Figures {
    /** Okabe and Ito's colors, distinguishable with the common color-vision deficiencies. */
    private static final String[] COLORS = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
        "#000000", "#999999"};
    private static final String[] DASHES = {"", "6 4", "2 3", "10 3 2 3"};
    private static final String SOLID = "";
    private static final String DASHED = "6 4";
    private static final String DOTTED = "2 3";
    private static final String KEY_GRAY = "#666";

    private final List<RunData> runs;
    private final double timeUnit;
    private final String timeLabel;

    Figures(List<RunData> runs) {
        this.runs = List.copyOf(runs);
        double last = 0;
        for (RunData r : runs) {
            for (StatusPoint p : r.status()) {
                if (Double.isFinite(p.seconds())) {
                    last = Math.max(last, p.seconds());
                }
            }
        }
        timeUnit = last <= 180 ? 1 : last <= 3 * 3600 ? 60 : 3600;
        timeLabel = timeUnit == 1 ? "time (s)" : timeUnit == 60 ? "time (min)" : "time (h)";
    }

    static String color(int run) {
        return COLORS[run % COLORS.length];
    }

    /** Best and population-median fitness on stage A over time. */
    String fitness() {
        SvgLineChart c = timeChart("fitness-a", "Fitness on stage A over time", "fitness (1 = start program)");
        double floor = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            c.add(statusSeries(r, i, "best", StatusPoint::bestA, SOLID));
            c.add(statusSeries(r, i, "median", StatusPoint::medianA, DASHED));
            for (StatusPoint p : r.status()) {
                if (Double.isFinite(p.bestA())) {
                    floor = Math.min(floor, p.bestA());
                }
            }
        }
        c.yFloor(floor).yAxis(SvgLineChart.YAxis.LINEAR).yRule(1, "start program");
        keys(c, "best program", "population median", null);
        return c.render();
    }

    /** Best fitness on stages B and C over time, or null when no candidate reached stage B. */
    String stagesBC() {
        SvgLineChart c = timeChart("fitness-bc", "Best fitness on stages B and C over time", "fitness (1 = start program)");
        boolean any = false;
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            c.add(statusSeries(r, i, "best on B", StatusPoint::bestB, SOLID));
            c.add(statusSeries(r, i, "best on C", StatusPoint::bestC, DOTTED));
            any |= r.status().stream().anyMatch(p -> Double.isFinite(p.bestB()) || Double.isFinite(p.bestC()));
        }
        c.yAxis(SvgLineChart.YAxis.LINEAR).yRule(1, "start program");
        keys(c, "best on B", null, "best on C");
        return any ? c.render() : null;
    }

    /** Cache hit rate (hash and fingerprint together): recent and cumulative. */
    String cacheHits() {
        SvgLineChart c = timeChart("cache", "Cache hit rate over time", "children reusing a stored fitness (%)");
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            List<StatusPoint> s = r.status();
            double[] x = times(s);
            double[] recent = new double[s.size()];
            double[] total = new double[s.size()];
            long last = s.isEmpty() ? 0 : s.get(s.size() - 1).generated();
            long window = Math.max(1, last / 40);
            int j = 0;
            for (int k = 0; k < s.size(); k++) {
                while (j + 1 < k && s.get(k).generated() - s.get(j + 1).generated() >= window) {
                    j++;
                }
                long generated = s.get(k).generated() - s.get(j).generated();
                recent[k] = generated > 0 ? 100.0 * (hits(s.get(k)) - hits(s.get(j))) / generated : Double.NaN;
                total[k] = s.get(k).generated() > 0 ? 100.0 * hits(s.get(k)) / s.get(k).generated() : Double.NaN;
            }
            c.add(SvgLineChart.Series.line(r.label() + ": recent", color(i), SOLID, x, recent));
            c.add(SvgLineChart.Series.line(r.label() + ": since the start", color(i), DASHED, x, total));
        }
        c.yInclude(0).yAxis(SvgLineChart.YAxis.LINEAR);
        keys(c, "recent (last 1/40 of the children)", "since the start", null);
        return c.render();
    }

    /** The share of redundant statements over all children generated so far. */
    String redundancy() {
        SvgLineChart c = timeChart("redundancy", "Redundant statements over time", "redundant statements (%)");
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            c.add(statusSeries(r, i, "redundant", p -> 100 * p.redundancy(), SOLID));
        }
        c.yInclude(0).yAxis(SvgLineChart.YAxis.LINEAR);
        if (runs.size() == 1) {
            c.key("redundant statements", color(0), SOLID);
        } else {
            keys(c, null, null, null);
        }
        return c.render();
    }

    /** The best program on A over time, with its fitness on A and on B. */
    String metaValidation() {
        SvgLineChart c = new SvgLineChart("meta", "Meta-validation: the best program on A, and its fitness on B")
                .xLabel("stage-A evaluations").yLabel("fitness (1 = start program)").xInclude(0)
                .yAxis(SvgLineChart.YAxis.LINEAR).yRule(1, "start program");
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            List<MetaPoint> m = r.meta();
            double[] x = new double[m.size()];
            double[] a = new double[m.size()];
            double[] bFit = new double[m.size()];
            List<String> tips = new ArrayList<>();
            for (int k = 0; k < m.size(); k++) {
                MetaPoint p = m.get(k);
                x[k] = p.evaluated();
                a[k] = p.fitnessA();
                bFit[k] = p.fitnessB();
                tips.add(String.format(Locale.ROOT, "%s: candidate %d after %d evaluations (%s): A %s, B %s",
                        r.label(), p.candidate(), p.evaluated(), Format.duration(p.seconds()),
                        Format.fitness(p.fitnessA()), Format.fitness(p.fitnessB())));
            }
            c.add(new SvgLineChart.Series(r.label() + ": A", color(i), SOLID, x, a, true, tips));
            c.add(new SvgLineChart.Series(r.label() + ": B", color(i), DASHED, x, bFit, true, tips));
        }
        keys(c, "fitness on A", "fitness on B", null);
        return c.render();
    }

    /** One chart per stage-B or stage-C task: validation loss over steps, one line per program. */
    List<String> learningCurves() {
        Map<StageTask, List<RunCurve>> byTask = new LinkedHashMap<>();
        Map<String, Integer> programColor = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            for (Curve c : runs.get(i).curves()) {
                byTask.computeIfAbsent(new StageTask(c.stage(), c.task()), k -> new ArrayList<>())
                        .add(new RunCurve(i, c));
                programColor.putIfAbsent(c.program(), programColor.size());
            }
        }
        List<StageTask> order = new ArrayList<>(byTask.keySet());
        order.sort(Comparator.comparing(StageTask::stage));
        List<String> out = new ArrayList<>();
        for (StageTask t : order) {
            SvgLineChart chart = new SvgLineChart("curve-" + out.size(), "Stage " + t.stage() + ": " + t.task())
                    .xLabel("training step").yLabel("validation loss").xInclude(0);
            Set<String> programs = new LinkedHashSet<>();
            Set<Integer> runsHere = new TreeSet<>();
            for (RunCurve rc : byTask.get(t)) {
                Curve c = rc.curve();
                double[] x = c.points().stream().mapToDouble(Curve.Point::step).toArray();
                double[] y = c.points().stream().mapToDouble(Curve.Point::valLoss).toArray();
                String name = runs.size() > 1 ? runs.get(rc.run()).label() + ": " + c.program() : c.program();
                chart.add(SvgLineChart.Series.line(name, color(programColor.get(c.program())), dash(rc.run()), x, y));
                programs.add(c.program());
                runsHere.add(rc.run());
            }
            if (runs.size() > 1) {
                programs.forEach(p -> chart.key(p, color(programColor.get(p)), SOLID));
                runsHere.forEach(r -> chart.key(runs.get(r).label(), KEY_GRAY, dash(r)));
            }
            out.add(chart.render());
        }
        return out;
    }

    private static String dash(int run) {
        return DASHES[run % DASHES.length];
    }

    private record StageTask(String stage, String task) {
    }

    private record RunCurve(int run, Curve curve) {
    }

    private SvgLineChart timeChart(String id, String title, String yLabel) {
        return new SvgLineChart(id, title).xLabel(timeLabel).yLabel(yLabel).xInclude(0);
    }

    private SvgLineChart.Series statusSeries(RunData r, int i, String what, ToDoubleFunction<StatusPoint> f,
            String dash) {
        double[] y = r.status().stream().mapToDouble(f).toArray();
        return SvgLineChart.Series.line(r.label() + ": " + what, color(i), dash, times(r.status()), y);
    }

    private double[] times(List<StatusPoint> s) {
        return s.stream().mapToDouble(p -> p.seconds() / timeUnit).toArray();
    }

    private static long hits(StatusPoint p) {
        return p.hashHits() + p.fingerprintHits();
    }

    /**
     * The legend: one entry per run in its color (when there are several), then one gray entry per line
     * style in use (solid, dashed, dotted; null where unused). With one run, the styles take its color.
     */
    private void keys(SvgLineChart c, String solid, String dashed, String dotted) {
        boolean several = runs.size() > 1;
        if (several) {
            for (int i = 0; i < runs.size(); i++) {
                c.key(runs.get(i).label(), color(i), SOLID);
            }
        }
        String styleColor = several || runs.isEmpty() ? KEY_GRAY : color(0);
        if (solid != null) {
            c.key(solid, styleColor, SOLID);
        }
        if (dashed != null) {
            c.key(dashed, styleColor, DASHED);
        }
        if (dotted != null) {
            c.key(dotted, styleColor, DOTTED);
        }
    }
}
