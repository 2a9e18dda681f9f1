package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optsearch.report.ScoreData;
import org.optsearch.suite.Measurement;
import org.optsearch.suite.Profiles;
import org.optsearch.suite.Scoreboard;
import org.optsearch.suite.Significance;
import org.optsearch.suite.Targets;
import org.optsearch.suite.Welch;
import org.optsearch.suite.Workloads;

/** The scoreboard as a terminal table, as one JSON object, and as the report module's page data. */
final class ScoreOutput {
    private ScoreOutput() {
    }

    static void table(PrintWriter o, Scoreboard board, Targets targets) {
        o.printf(Locale.ROOT, "ruleset %s; targets: %s (%s, commit %s, %d trials, %d seeds)%n", board.ruleset(),
                targets.provenance().command(), targets.provenance().date(), targets.provenance().commit(),
                targets.provenance().trials(), targets.provenance().seeds());
        int nameWidth = Math.max(12, board.rows().stream().mapToInt(r -> r.name().length() + 9).max().orElse(12));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s %6s %8s %6s", "", "score",
                "speedup", "misses"));
        for (String w : board.workloads()) {
            head.append(String.format(Locale.ROOT, " %" + Math.max(9, w.length()) + "s", w));
        }
        o.println(head);
        StringBuilder target = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s %6s %8s %6s",
                "target (budget)", "", "", ""));
        for (String w : board.workloads()) {
            Targets.Entry e = board.targets().get(w);
            target.append(String.format(Locale.ROOT, " %" + Math.max(9, w.length()) + "s",
                    String.format(Locale.ROOT, "%.4g (%d)", e.target(), e.budget())));
        }
        o.println(target);
        for (Scoreboard.Row r : board.rows()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s %6.3f %8s %6d",
                    r.name() + (r.baseline() ? " (tuned)" : ""), r.score(),
                    Double.isNaN(r.speedup()) ? "-" : String.format(Locale.ROOT, "%.2fx", r.speedup()), r.misses()));
            for (int k = 0; k < board.workloads().size(); k++) {
                double s = r.steps()[k];
                Welch.Result t = r.tests().isEmpty() ? null : r.tests().get(k);
                String cell = (Double.isInfinite(s) ? "miss" : String.format(Locale.ROOT, "%.0f", s))
                        + (t != null && t.p() < Significance.ALPHA ? "*" : "");
                line.append(String.format(Locale.ROOT, " %" + Math.max(9, board.workloads().get(k).length()) + "s", cell));
            }
            o.println(line);
        }
        List<String> heldOut = board.workloads().stream()
                .filter(w -> Workloads.all().containsKey(w) && Workloads.all().get(w).heldOut())
                .toList();
        if (!heldOut.isEmpty() && heldOut.size() < board.workloads().size()) {
            o.println("held-out variants, measured but not in score, speedup or misses: " + String.join(", ", heldOut));
        }
        o.println("steps to target (median); * = fewer steps than tuned AdamW, one-sided Welch t-test over seeds, p < "
                + Significance.ALPHA + "; score: performance-profile integral, r_max = " + (int) Profiles.R_MAX);
        o.flush();
    }

    static ObjectNode json(Scoreboard board, Targets targets, String html) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("ruleset", board.ruleset());
        root.set("workloads", m.valueToTree(board.workloads()));
        root.set("targetsProvenance", m.valueToTree(targets.provenance()));
        ObjectNode t = root.putObject("targets");
        board.targets().forEach((w, e) -> t.putObject(w).put("metric", e.metric().name()).put("target", e.target())
                .put("budget", e.budget()));
        ArrayNode rows = root.putArray("submissions");
        for (Scoreboard.Row r : board.rows()) {
            ObjectNode o = rows.addObject().put("name", r.name()).put("baseline", r.baseline()).put("score", r.score())
                    .put("misses", r.misses());
            number(o, "speedupOverAdamW", r.speedup());
            ObjectNode per = o.putObject("steps");
            for (int k = 0; k < board.workloads().size(); k++) {
                ObjectNode w = per.putObject(board.workloads().get(k));
                number(w, "median", r.steps()[k]);
                ArrayNode samples = w.putArray("samples");
                for (double s : r.samples().get(k)) {
                    if (Double.isInfinite(s)) {
                        samples.addNull();
                    } else {
                        samples.add(s);
                    }
                }
                Welch.Result test = r.tests().isEmpty() ? null : r.tests().get(k);
                if (test != null) {
                    number(w.putObject("welch").put("p", test.p()), "t", test.t());
                }
            }
            if (!r.baseline()) {
                o.put("seconds", r.seconds());
            }
        }
        root.put("html", html);
        return root;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    static ScoreData page(Scoreboard board, Targets targets) {
        List<ScoreData.Workload> workloads = new ArrayList<>();
        for (String w : board.workloads()) {
            Targets.Entry e = board.targets().get(w);
            workloads.add(new ScoreData.Workload(w, e.metric().label(), e.target(), e.budget()));
        }
        double[][] steps = board.rows().stream().map(Scoreboard.Row::steps).toArray(double[][]::new);
        double[][] ratios = Profiles.ratios(steps);
        List<ScoreData.Submission> subs = new ArrayList<>();
        List<ScoreData.Curve> curves = new ArrayList<>();
        for (int s = 0; s < board.rows().size(); s++) {
            Scoreboard.Row r = board.rows().get(s);
            List<double[]> profile = Profiles.curve(ratios[s], Profiles.R_MAX);
            double[] p = new double[board.workloads().size()];
            for (int k = 0; k < p.length; k++) {
                Welch.Result t = r.tests().isEmpty() ? null : r.tests().get(k);
                p[k] = t == null ? Double.NaN : t.p();
            }
            subs.add(new ScoreData.Submission(r.name(), r.baseline(), r.score(), r.speedup(), r.misses(), r.steps(),
                    profile.stream().mapToDouble(x -> x[0]).toArray(), profile.stream().mapToDouble(x -> x[1]).toArray(),
                    p));
            Map<String, Measurement> first = new LinkedHashMap<>();
            for (Measurement m : r.runs()) {
                first.putIfAbsent(m.workload(), m);
            }
            for (Measurement m : first.values()) {
                curves.add(new ScoreData.Curve(m.workload(), r.name(),
                        m.curve().stream().mapToDouble(x -> x.step()).toArray(),
                        m.curve().stream().mapToDouble(Measurement.Point::value).toArray()));
            }
        }
        Targets.Provenance pv = targets.provenance();
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("command", pv.command());
        provenance.put("commit", pv.commit());
        provenance.put("date", pv.date());
        provenance.put("JDK", pv.jdk());
        provenance.put("protocol", pv.trials() + " Halton trials per baseline, " + pv.seeds() + " seeds");
        if (pv.note() != null) {
            provenance.put("note", pv.note());
        }
        return new ScoreData("OptSearch benchmark", board.ruleset(), workloads, subs, curves, provenance);
    }
}
