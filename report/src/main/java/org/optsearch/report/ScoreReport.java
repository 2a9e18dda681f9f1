package org.optsearch.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark page: one self-contained HTML file in the search report's style (inline SVG and CSS, no
 * scripts, nothing loaded). A table of scores and steps to target, the performance profiles, and per
 * workload the validation curves against the target line.
 */
public final class ScoreReport {
    private ScoreReport() {
    }

    /** Writes the page to {@code html}, replacing it; parent folders are created. */
    public static void write(ScoreData data, Path html) throws IOException {
        Path target = html.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, render(data), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The page as one HTML document; the same data always give the same text. */
    public static String render(ScoreData d) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(d.title())).append("</title>\n<style>\n").append(Style.CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(Html.escape(d.title())).append("</h1>\n")
                .append("<p class=\"lead\">Ruleset: ").append(Html.escape(d.ruleset())).append(". Steps to reach each")
                .append(" workload's target on the validation metric, checked at a fixed evaluation interval; a miss is")
                .append(" infinite. Score: the integral of the performance profile up to r_max = 4 (1 = fastest")
                .append(" everywhere, 0 = never within 4x of the fastest). Speedup: geometric mean of AdamW's steps")
                .append(" over the submission's, on the workloads both reached.</p>\n")
                .append("<nav><a href=\"#scores\">Scores</a><a href=\"#profile\">Performance profiles</a>")
                .append("<a href=\"#curves\">Validation curves</a><a href=\"#provenance\">Targets</a></nav>\n</header>\n");

        b.append("<section id=\"scores\">\n<h2>Scores</h2>\n").append(table(d)).append("</section>\n");

        b.append("<section id=\"profile\">\n<h2>Performance profiles</h2>\n<div class=\"charts\">\n<figure>\n")
                .append(profile(d)).append("\n<figcaption>")
                .append(Html.escape("rho(tau): the fraction of workloads on which a submission needs at most tau times "
                        + "the steps of the fastest submission there. Dashed: tuned baselines."))
                .append("</figcaption>\n</figure>\n</div>\n</section>\n");

        b.append("<section id=\"curves\">\n<h2>Validation curves</h2>\n");
        List<String> charts = curves(d);
        if (charts.isEmpty()) {
            b.append("<p class=\"empty\">No curves recorded.</p>\n");
        } else {
            b.append("<p>The validation metric of each program's first seed (or first trial), against the target"
                    + " (the thin line). A run stops at the target.</p>\n<div class=\"charts\">\n");
            charts.forEach(svg -> b.append("<figure>\n").append(svg).append("\n</figure>\n"));
            b.append("</div>\n");
        }
        b.append("</section>\n");

        b.append("<section id=\"provenance\">\n<h2>Targets</h2>\n<table class=\"config\">\n<tbody>\n");
        for (Map.Entry<String, String> e : new TreeMap<>(d.provenance()).entrySet()) {
            b.append("<tr><th>").append(Html.escape(e.getKey())).append("</th><td>").append(Html.escape(e.getValue()))
                    .append("</td></tr>\n");
        }
        b.append("</tbody></table>\n</section>\n");
        b.append("<footer>Written by OptSearch. This file is self-contained: it loads no scripts, fonts or "
                + "images.</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String table(ScoreData d) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr><th></th>")
                .append("<th class=\"num\">score</th><th class=\"num\">speedup vs AdamW</th><th class=\"num\">misses</th>");
        for (ScoreData.Workload w : d.workloads()) {
            b.append("<th class=\"num\">").append(Html.escape(w.name())).append("<br><small>")
                    .append(Html.escape(w.metric())).append(' ').append(Html.escape(fmt(w.target())))
                    .append(", budget ").append(w.budget()).append("</small></th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (int i = 0; i < d.submissions().size(); i++) {
            ScoreData.Submission s = d.submissions().get(i);
            b.append("<tr><th>").append(Sections.swatch(i)).append(Html.escape(s.name()))
                    .append(s.baseline() ? " <small>(tuned baseline)</small>" : "").append("</th>")
                    .append("<td class=\"num\">").append(String.format(Locale.ROOT, "%.3f", s.score())).append("</td>")
                    .append("<td class=\"num\">").append(Double.isNaN(s.speedup()) ? "-"
                            : String.format(Locale.ROOT, "%.2fx", s.speedup())).append("</td>")
                    .append("<td class=\"num\">").append(s.misses()).append("</td>");
            for (int k = 0; k < s.steps().length; k++) {
                double steps = s.steps()[k];
                b.append("<td class=\"num\">").append(Double.isInfinite(steps) ? "miss" : fmt(steps));
                if (s.p() != null && k < s.p().length && !Double.isNaN(s.p()[k])) {
                    b.append(String.format(Locale.ROOT, " <small>(p=%.3f)</small>", s.p()[k]));
                }
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }

    private static String profile(ScoreData d) {
        SvgLineChart c = new SvgLineChart("profile", "Performance profiles").xLabel("tau (steps / fastest steps)")
                .yLabel("fraction of workloads").yAxis(SvgLineChart.YAxis.LINEAR).yInclude(0).yInclude(1).xInclude(1);
        for (int i = 0; i < d.submissions().size(); i++) {
            ScoreData.Submission s = d.submissions().get(i);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int j = 0; j < s.tau().length; j++) {
                if (j > 0) {
                    xs.add(s.tau()[j]);
                    ys.add(s.rho()[j - 1]);
                }
                xs.add(s.tau()[j]);
                ys.add(s.rho()[j]);
            }
            c.add(SvgLineChart.Series.line(s.name() + String.format(Locale.ROOT, " (%.3f)", s.score()),
                    Figures.color(i), s.baseline() ? "6 4" : null, toArray(xs), toArray(ys)));
        }
        return c.render();
    }

    private static List<String> curves(ScoreData d) {
        List<String> out = new ArrayList<>();
        int n = 0;
        for (ScoreData.Workload w : d.workloads()) {
            SvgLineChart c = new SvgLineChart("curve-" + n++, w.name()).xLabel("step").yLabel(w.metric())
                    .yAxis(SvgLineChart.YAxis.LINEAR).xInclude(0).yRule(w.target(), "target " + fmt(w.target()));
            boolean any = false;
            for (ScoreData.Curve curve : d.curves()) {
                if (curve.workload().equals(w.name())) {
                    int i = indexOf(d, curve.submission());
                    c.add(SvgLineChart.Series.line(curve.submission(), Figures.color(Math.max(0, i)), null, curve.steps(),
                            curve.values()));
                    any = true;
                }
            }
            if (any) {
                out.add(c.render());
            }
        }
        return out;
    }

    private static int indexOf(ScoreData d, String name) {
        for (int i = 0; i < d.submissions().size(); i++) {
            if (d.submissions().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
