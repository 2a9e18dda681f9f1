package org.optsearch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optsearch.lang.Program;
import org.optsearch.search.FunnelSelection;
import org.optsearch.suite.Scoreboard;
import org.optsearch.suite.Scorer;
import org.optsearch.suite.Targets;
import org.optsearch.suite.Workloads;

/**
 * The benchmark suite as the funnel's last stage ({@code search --score}): the search's result, the start
 * program and the reference programs scored on the suite's workloads under the self-tuning ruleset (each
 * program at its own constants, the median over seeds) or, with {@code --score-space}, the external one (each
 * program tuned over a search space first), so the result's score stands next to AdamW's and Lion's, on
 * workloads the search never trained on.
 */
final class SuiteStage {
    /** Seeds per workload: the score command's default. */
    static final int SEEDS = 3;

    /** One program's line: its profile score (1 = fastest everywhere) and its speedup over tuned AdamW. */
    record Line(String name, double score, double speedup, int misses) {
    }

    private SuiteStage() {
    }

    /**
     * Scores {@code programs} (name to program, in the order to print) on every workload of the fixed set
     * with the shipped targets; returns one line per program. Throws CliException when no targets ship.
     */
    static List<Line> score(Map<String, Program> programs, int workers, Scorer.External external, PrintWriter err) {
        Targets targets = ScoreCommand.loadTargets(null);
        List<Scorer.Submission> submissions = new ArrayList<>();
        programs.forEach((name, program) -> submissions.add(new Scorer.Submission(name, program)));
        var workloads = Workloads.select("all");
        err.printf(Locale.ROOT, "  scoring the result on the benchmark suite next to the start program and Lion (%d "
                + "workloads x %s) ...%n", workloads.size(), external == null ? SEEDS + " seeds, self-tuning ruleset"
                : external.trials() + " trials x " + external.studies() + " studies, external ruleset");
        err.flush();
        SuiteProgress progress = SuiteProgress.forConsole(err);
        Scoreboard board = Scorer.score(submissions, workloads, targets, SEEDS, external, workers,
                (done, total, last) -> progress.update("suite", done, total));
        List<Line> lines = new ArrayList<>();
        for (String name : programs.keySet()) {
            Scoreboard.Row r = board.row(name);
            lines.add(new Line(name, r.score(), r.speedup(), r.misses()));
        }
        return lines;
    }

    /** The programs to score: the result (when it is not the start program), the start program, Lion. */
    static Map<String, Program> programs(FunnelSelection.Result result, String startName, Program start,
            Map<String, Program> references) {
        Map<String, Program> m = new LinkedHashMap<>();
        if (result != null && !result.finalist().name().endsWith(FunnelSelection.START_SUFFIX)) {
            m.put("result: " + result.finalist().name(), result.finalist().program());
        }
        m.put(startName + " (start, as given)", start);
        m.putAll(references);
        return m;
    }

    /** The table; {@code space}: the search space of the external ruleset, null for the self-tuning one. */
    static void print(PrintWriter out, List<Line> lines, java.nio.file.Path space) {
        out.println();
        out.println(space == null ? "benchmark suite (self-tuning ruleset: each program at its own constants; targets "
                + "set by tuned baselines):" : "benchmark suite (external ruleset: each program tuned over " + space
                + " first; targets set by tuned baselines):");
        out.printf(Locale.ROOT, "  %-44s %8s %16s %7s%n", "program", "score", "speedup vs AdamW", "misses");
        for (Line l : lines) {
            out.printf(Locale.ROOT, "  %-44s %8.4f %16s %7d%n", l.name(), l.score(),
                    Double.isNaN(l.speedup()) ? "-" : String.format(Locale.ROOT, "%.3fx", l.speedup()), l.misses());
        }
        out.println("  (score: the performance profile's integral, 1 = fastest to every target; 'optsearch score' for "
                + "the per-workload table and the significance test" + (space != null ? ")" : "; 'search --score "
                + "--score-space programs/spaces/step.yaml' tunes each program's step size first)"));
    }

    static void json(ObjectNode o, List<Line> lines, java.nio.file.Path space) {
        ObjectNode suite = o.putObject("suite");
        o.put("suiteRuleset", space == null ? "self" : "external: " + space);
        for (Line l : lines) {
            ObjectNode n = suite.putObject(l.name());
            n.put("score", l.score());
            SearchJson.putFitness(n, "speedupOverAdamW", l.speedup());
            n.put("misses", l.misses());
        }
    }
}
