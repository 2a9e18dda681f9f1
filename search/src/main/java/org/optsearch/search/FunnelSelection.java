package org.optsearch.search;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.optsearch.train.run.TrainResult;

/**
 * Selection by the funnel (docs/method.md, section 4): the result of a search is the best program on the
 * highest stage it reached, C over B over A, never one that failed a later stage. Stage A is the proxy that
 * the search climbs and so overfits; B and C are the check. The start program competes too: when no
 * candidate beats it up the funnel, it is the result, and the summary says so.
 *
 * <p>A stage counts for every program only where the start program has a score there: a stage that is not
 * configured (NaN) or was skipped because the start program gives no reference on it (the start program's
 * entry is failed there) is left out of every program's funnel.
 */
public final class FunnelSelection {
    /** How the end of a search names the start program's entry: its name, then this. */
    public static final String START_SUFFIX = " (start)";
    private static final String[] STAGES = {"A", "B", "C"};

    private FunnelSelection() {
    }

    /** The chosen program and the stage on which it was chosen. */
    public record Result(Finalist finalist, String stage, double fitness) {
        /** One line for people: which program, on which stage, with what fitness. */
        public String describe() {
            return String.format(Locale.ROOT, "%s, chosen on stage %s (fitness %.4f; the start program is 1)",
                    finalist.name(), stage, fitness);
        }
    }

    /**
     * The result among {@code candidates} and {@code start}; the reference programs (Lion, ...) are shown
     * beside a search's result, never chosen as it.
     */
    public static Result choose(List<Finalist> candidates, Finalist start) {
        boolean[] counts = new boolean[3];
        double[] startScores = scores(start);
        for (int i = 0; i < 3; i++) {
            counts[i] = !Double.isNaN(startScores[i]) && startScores[i] != TrainResult.FAILED;
        }
        Comparator<Finalist> order = Comparator.comparingInt((Finalist f) -> level(f, counts))
                .thenComparingDouble(f -> scoreAtLevel(f, counts)).reversed();
        Finalist best = start;
        for (Finalist f : candidates) {
            if (order.compare(f, best) < 0) {
                best = f;
            }
        }
        int level = level(best, counts);
        return new Result(best, STAGES[Math.max(level, 0)], scoreAtLevel(best, counts));
    }

    /**
     * The result of a search's end-of-search comparison, as {@link SearchEngine#finale} returns it: the
     * candidates, then the start program (named with {@link #START_SUFFIX}), then the reference programs.
     * Null when there is no start program entry (the comparison failed).
     */
    public static Result choose(List<Finalist> finale) {
        for (int i = 0; i < finale.size(); i++) {
            if (finale.get(i).name().endsWith(START_SUFFIX)) {
                return choose(finale.subList(0, i), finale.get(i));
            }
        }
        return null;
    }

    /** The highest counted stage with a score, or -1 when a counted stage failed. */
    static int level(Finalist f, boolean[] counts) {
        double[] s = scores(f);
        int level = -1;
        for (int i = 0; i < 3; i++) {
            if (!counts[i]) {
                continue;
            }
            if (s[i] == TrainResult.FAILED) {
                return -1;
            }
            if (!Double.isNaN(s[i])) {
                level = i;
            }
        }
        return level;
    }

    private static double scoreAtLevel(Finalist f, boolean[] counts) {
        int level = level(f, counts);
        return level < 0 ? TrainResult.FAILED : scores(f)[level];
    }

    private static double[] scores(Finalist f) {
        return new double[] {f.fitnessA(), f.fitnessB(), f.fitnessC()};
    }
}
