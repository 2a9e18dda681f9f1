package org.optsearch.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.optsearch.report.RunData.Summary;
import org.optsearch.report.RunData.TopProgram;

/** The report's tables and program listings, as HTML fragments. Every text from data goes through {@link Html}. */
final class Sections {
    private Sections() {
    }

    private record Row(String name, Function<RunData, String> value) {
    }

    private static final List<Row> SUMMARY = List.of(
            new Row("mode", r -> r.mode()),
            new Row("duration", r -> Format.duration(r.summary().seconds())),
            new Row("budget", r -> r.summary().budget().isEmpty() ? "-" : r.summary().budget()),
            new Row("programs generated", r -> Format.count(r.summary().generated())),
            new Row("trained on stage A", r -> Format.count(r.summary().evaluated())),
            new Row("stage-A trainings per second", r -> Format.decimal(perSecond(r.summary()), 2)),
            new Row("cache hit rate", r -> Format.percent(r.summary().cacheHitRate())),
            new Row("\u2003by dataflow hash", r -> Format.count(r.summary().hashHits())),
            new Row("\u2003by numeric fingerprint", r -> Format.count(r.summary().fingerprintHits())),
            new Row("invalid drafts discarded", r -> Format.count(r.summary().invalid())),
            new Row("redundant statements", r -> Format.percent(r.summary().redundancy())),
            new Row("failed trainings", r -> Format.count(r.summary().failures())),
            new Row("\u2003stopped at a hurdle", r -> Format.count(r.summary().hurdleStops())),
            new Row("training steps saved by hurdles", r -> Format.count(r.summary().savedSteps())),
            new Row("trained on stage B", r -> Format.count(r.summary().evaluatedB())),
            new Row("trained on stage C", r -> Format.count(r.summary().evaluatedC())),
            new Row("restarts after a plateau", r -> Format.count(r.summary().restarts())),
            new Row("best fitness on A", r -> Format.fitness(r.summary().bestA())),
            new Row("best fitness on B", r -> Format.fitness(r.summary().bestB())),
            new Row("best fitness on C", r -> Format.fitness(r.summary().bestC())));

    /** The counters of every run: one column per run, headed by its label in its chart color. */
    static String summary(List<RunData> runs) {
        StringBuilder b = new StringBuilder("<div class=\"scroll\"><table class=\"summary\">\n<thead><tr><th></th>");
        for (int i = 0; i < runs.size(); i++) {
            b.append("<th class=\"num\">").append(swatch(i)).append(Html.escape(runs.get(i).label())).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (Row row : SUMMARY) {
            b.append("<tr><th>").append(Html.escape(row.name())).append("</th>");
            for (RunData r : runs) {
                b.append("<td class=\"num\">").append(Html.escape(row.value().apply(r))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table></div>\n").toString();
    }

    /** Every run's configuration, side by side, folded away. */
    static String config(List<RunData> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.config().keySet()));
        if (keys.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<details><summary>Configuration</summary>\n<div class=\"scroll\">")
                .append("<table class=\"config\">\n<thead><tr><th></th>");
        for (int i = 0; i < runs.size(); i++) {
            b.append("<th>").append(swatch(i)).append(Html.escape(runs.get(i).label())).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        for (String k : keys) {
            b.append("<tr><th>").append(Html.escape(k)).append("</th>");
            for (RunData r : runs) {
                b.append("<td>").append(Html.escape(r.config().getOrDefault(k, "-"))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody></table></div></details>\n").toString();
    }

    /** The best programs of each run, as text, with their fitness on each stage. */
    static String topPrograms(List<RunData> runs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            RunData r = runs.get(i);
            if (runs.size() > 1) {
                b.append("<h3>").append(swatch(i)).append(Html.escape(r.label())).append("</h3>\n");
            }
            if (r.top().isEmpty()) {
                b.append("<p class=\"empty\">No programs recorded.</p>\n");
                continue;
            }
            b.append("<div class=\"programs\">\n");
            List<TopProgram> top = new ArrayList<>(r.top());
            for (int k = 0; k < top.size(); k++) {
                TopProgram p = top.get(k);
                b.append("<article class=\"program\"><h4>").append(k + 1).append(". ").append(Html.escape(p.id()))
                        .append("</h4>\n<p class=\"scores\">");
                score(b, "A", p.fitnessA());
                if (!Double.isNaN(p.fitnessA2())) {
                    score(b, "A2", p.fitnessA2());
                }
                score(b, "B", p.fitnessB());
                score(b, "C", p.fitnessC());
                b.append("</p>\n<pre>").append(Html.escape(p.text().strip())).append("</pre></article>\n");
            }
            b.append("</div>\n");
        }
        return b.toString();
    }

    private static void score(StringBuilder b, String stage, double fitness) {
        String cls = Double.isNaN(fitness) ? "none" : fitness == Double.NEGATIVE_INFINITY ? "failed"
                : fitness > 1 ? "better" : "worse";
        b.append("<span class=\"score ").append(cls).append("\">").append(stage).append(" <b>")
                .append(Html.escape(Format.fitness(fitness))).append("</b></span>");
    }

    static String swatch(int run) {
        return "<span class=\"swatch\" style=\"background:" + Figures.color(run) + "\"></span>";
    }

    private static double perSecond(Summary s) {
        return s.seconds() > 0 ? s.evaluated() / s.seconds() : Double.NaN;
    }
}
