package org.optsearch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.optsearch.search.Finalist;
import org.optsearch.search.FunnelSelection;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchStatus;
import org.optsearch.train.run.TrainResult;

/**
 * The end of a search, for people: the counters, the meta-validation curve, the best programs. In the
 * table of fitness per stage, "-" is not scored (the stage is not set, or has no reference) and "failed" a
 * training that failed; the notes under the table say why.
 */
final class SearchSummary {
    private SearchSummary() {
    }

    static void print(PrintWriter out, SearchResult r, List<Finalist> finalists) {
        print(out, r, finalists, Double.NaN);
    }

    /**
     * As {@link #print(PrintWriter, SearchResult, List)}, with {@code spread} the start program's seed-to-seed
     * spread on the result's stage (NaN: not measured): a smaller difference from the result is called a tie.
     */
    static void print(PrintWriter out, SearchResult r, List<Finalist> finalists, double spread) {
        SearchStatus s = r.status();
        out.printf(Locale.ROOT, "search finished after %.0f s (budget %s)%n", s.seconds(), s.budget());
        out.printf(Locale.ROOT, "  programs generated   %d (%d invalid drafts discarded on the way)%n", s.generated(),
                s.invalid());
        out.printf(Locale.ROOT, "  cache hits           %d (%.1f%%): %d by dataflow hash, %d more by numeric fingerprint%n",
                s.hashHits() + s.fingerprintHits(), 100 * s.cacheHitRate(), s.hashHits(), s.fingerprintHits());
        out.printf(Locale.ROOT, "  trained on stage A   %d (%.2f per second); %d failed, %d of them stopped at a hurdle "
                + "(%d training steps saved)%n", s.evaluated(), s.evaluationsPerSecond(), s.failures(), s.hurdleStops(),
                s.savedSteps());
        out.printf(Locale.ROOT, "  promoted             %d trained on stage B, %d on stage C%n", s.evaluatedB(),
                s.evaluatedC());
        out.printf(Locale.ROOT, "  redundant statements %.1f%% of all generated%n", 100 * s.redundancy());
        if (s.restarts() > 0) {
            out.printf(Locale.ROOT, "  restarts             %d (from the best program, after a plateau)%n", s.restarts());
        }
        out.println();
        out.println("baseline (the start program) on stage A:");
        for (TrainResult b : r.baseline()) {
            out.printf(Locale.ROOT, "  %-20s fitness %.4f  val loss %.4f%n", b.task(), b.fitness(), b.valLoss());
        }
        out.println();
        out.println("meta-validation: the best program on A over time, and its B fitness");
        for (SearchResult.MetaPoint p : r.metaValidation()) {
            out.printf(Locale.ROOT, "  after %6d evaluations (%6.0f s): candidate %-6d A %.4f  B %s%n", p.evaluated(),
                    p.seconds(), p.candidate(), p.fitnessA(), fixed(p.fitnessB()));
        }
        out.println();
        out.println("fitness per stage (1 = the start program, 0 = chance; higher is better):");
        out.printf(Locale.ROOT, "  %-28s %8s %8s %8s%n", "program", "A", "B", "C");
        for (Finalist f : finalists) {
            out.printf(Locale.ROOT, "  %-28s %8s %8s %8s%n", f.name(), fixed(f.fitnessA()), fixed(f.fitnessB()),
                    fixed(f.fitnessC()));
        }
        if (finalists.isEmpty()) {
            out.println("  (none: the end-of-search comparison failed; see the warning on stderr)");
        }
        FunnelSelection.Result result = FunnelSelection.choose(finalists);
        if (result != null) {
            out.println("  result: " + result.describe());
            out.println("          (the best program on the highest stage reached; a program that failed a later stage "
                    + "is never the result)");
            out.println("  " + against(result, finalists, spread));
            if (!readsLearningRate(result.finalist().program())) {
                out.println("  the result does not read its learning-rate input (" + result.finalist().program().signature()
                        .learningRate() + "): it ignores the warm-up and cosine schedule and steps at a constant size");
            }
        }
        for (Finalist f : finalists) {
            for (String note : f.notes()) {
                out.println("  " + f.name() + ": " + note);
            }
        }
        for (Finalist f : finalists) {
            if (f.name().startsWith("candidate")) {
                out.println();
                out.println(f.name() + " (simplified):");
                f.program().print().lines().forEach(l -> out.println("  " + l));
            }
        }
    }

    /**
     * The result next to the start program and the reference programs on the stage it was chosen on; with a
     * measured {@code spread} (the start program's seed-to-seed sd there), a difference smaller than it is a tie.
     */
    static String against(FunnelSelection.Result result, List<Finalist> finalists, double spread) {
        int stage = "ABC".indexOf(result.stage());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "on stage %s: the result %.4f", result.stage(),
                result.fitness()));
        boolean afterStart = false;
        for (Finalist f : finalists) {
            if (f.name().endsWith(FunnelSelection.START_SUFFIX)) {
                afterStart = true;
            }
            if (afterStart && f != result.finalist()) {
                double v = stage == 0 ? f.fitnessA() : stage == 1 ? f.fitnessB() : f.fitnessC();
                b.append(String.format(Locale.ROOT, ", %s %s (%s)", f.name(), fixed(v),
                        verdict(result.fitness(), v, spread)));
            }
        }
        if (result.finalist().name().endsWith(FunnelSelection.START_SUFFIX)) {
            b.append("; no candidate beat the start program up the funnel");
        } else if (!Double.isNaN(spread)) {
            b.append(String.format(Locale.ROOT, "%n          (the start program's seed-to-seed spread on stage %s: sd %.4f "
                    + "over 3 seeds; smaller differences are ties)", result.stage(), spread));
        }
        return b.toString();
    }

    /** The result's fitness against another program's {@code v} (NaN: not scored), ties within {@code spread}. */
    private static String verdict(double result, double v, double spread) {
        if (Double.isNaN(v)) {
            return "not scored";
        }
        if (v == TrainResult.FAILED) {
            return "ahead";
        }
        if (Math.abs(result - v) < spread) {
            return "tied: within the seed spread";
        }
        return result > v ? "ahead" : result < v ? "behind" : "tied";
    }

    /** Whether any live statement of the program reads its learning-rate input (the schedule's value). */
    static boolean readsLearningRate(org.optsearch.lang.Program p) {
        org.optsearch.lang.Program live = org.optsearch.search.simplify.Simplifier.removeDead(p).program();
        String lr = live.signature().learningRate();
        return live.statements().stream().anyMatch(st -> st.args().stream()
                .anyMatch(a -> a instanceof org.optsearch.lang.Operand.Var v && v.name().equals(lr)));
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : v == TrainResult.FAILED ? "failed" : String.format(Locale.ROOT, "%.4f", v);
    }
}
