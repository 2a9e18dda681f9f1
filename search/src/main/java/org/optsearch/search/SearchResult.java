package org.optsearch.search;

import java.util.List;
import org.optsearch.train.run.TrainResult;

/**
 * What a search found.
 *
 * @param status        the final counters
 * @param baseline      the start program's results on the stage-A tasks (fitness 1 by definition)
 * @param top           the best distinct programs by stage-A fitness, best first, followed by every other
 *                      program that beat the start program on stage B (they are finalists too)
 * @param metaValidation the best-on-A program over time with its stage-B fitness: the curve that shows
 *                      meta-overfitting when A rises while B falls
 */
public record SearchResult(SearchStatus status, List<TrainResult> baseline, List<Entry> top,
        List<MetaPoint> metaValidation) {

    public SearchResult {
        baseline = List.copyOf(baseline);
        top = List.copyOf(top);
        metaValidation = List.copyOf(metaValidation);
    }

    /**
     * The program that leads this result up the funnel: the first in {@link Entry#FUNNEL_ORDER} (the best that
     * beat the start program on C, else on B, else the best on A not yet tried further), or null when no
     * program was kept.
     */
    public Entry leader() {
        return top.stream().min(Entry.FUNNEL_ORDER).orElse(null);
    }

    /**
     * Whether this result's leader comes before {@code other}'s in the funnel's order: how independent runs
     * from one start program (their stages and references are the same) are ranked, so that a run whose best
     * program on A failed B does not win over one whose program passed C.
     */
    public boolean aheadOf(SearchResult other) {
        Entry mine = leader();
        Entry theirs = other.leader();
        return mine != null && (theirs == null || Entry.FUNNEL_ORDER.compare(mine, theirs) < 0);
    }

    /**
     * A program with its fitness per stage (NaN where it was not evaluated): {@code fitnessA2} is stage A
     * again with the second seed, which confirms a promotion to B; {@code multiplier} is the step-size
     * multiplier calibration chose on A (1: as written), at which it was trained on A2;
     * {@code multiplierB} and {@code multiplierC} those it was trained at on B and C (on B: A's, or A's
     * times what recalibration there chose; on C: B's, or B's times what recalibration there chose; NaN where
     * not trained); {@code failures}: why it failed a later
     * stage during the search (one line per stage, for people).
     */
    public record Entry(Candidate candidate, double fitnessA, double fitnessA2, double fitnessB, double fitnessC,
            double multiplier, double multiplierB, double multiplierC, List<String> failures) {
        public Entry {
            failures = List.copyOf(failures);
        }

        /** An entry without later stages' multipliers or failures. */
        public Entry(Candidate candidate, double fitnessA, double fitnessA2, double fitnessB, double fitnessC,
                double multiplier) {
            this(candidate, fitnessA, fitnessA2, fitnessB, fitnessC, multiplier, Double.NaN, Double.NaN, List.of());
        }

        /** An entry of a program trained as written, not confirmed on a second seed. */
        public Entry(Candidate candidate, double fitnessA, double fitnessB, double fitnessC) {
            this(candidate, fitnessA, Double.NaN, fitnessB, fitnessC, 1.0);
        }

        /** The program as it was scored on A: the candidate's, with A's multiplier folded in. */
        public org.optsearch.lang.Program program() {
            return org.optsearch.lang.StepScale.fold(candidate.program(), multiplier);
        }

        Entry withA2(double f) {
            return new Entry(candidate, fitnessA, f, fitnessB, fitnessC, multiplier, multiplierB, multiplierC,
                    failures);
        }

        Entry withB(Score s) {
            return new Entry(candidate, fitnessA, fitnessA2, s.fitness(), fitnessC, multiplier,
                    s.failed() ? Double.NaN : s.multiplier(), multiplierC, failed(s, "B"));
        }

        Entry withC(Score s) {
            return new Entry(candidate, fitnessA, fitnessA2, fitnessB, s.fitness(), multiplier, multiplierB,
                    s.failed() ? Double.NaN : s.multiplier(), failed(s, "C"));
        }

        private List<String> failed(Score s, String stage) {
            if (!s.failed()) {
                return failures;
            }
            List<String> more = new java.util.ArrayList<>(failures);
            more.add("stage " + stage + " failed during the search: "
                    + (s.stopped() == null ? "no reason recorded" : s.stopped()));
            return more;
        }

        /**
         * The order in which a search's programs go to its finale: by the highest stage on which they beat
         * the start program (C, then B, each by its fitness there), then those not yet tried on B, then those
         * that lost or failed on B or C, each group by stage-A fitness. A program that passed the funnel
         * during the search is a finalist whatever its rank on A.
         */
        static final java.util.Comparator<Entry> FUNNEL_ORDER = java.util.Comparator
                .comparingInt(Entry::funnelTier).thenComparingDouble(Entry::funnelFitness).reversed();

        /** The highest stage on which this program beat the start program ("C" or "B"), or null: none. */
        public String beatStartOn() {
            return switch (funnelTier()) {
                case 3 -> "C";
                case 2 -> "B";
                default -> null;
            };
        }

        private int funnelTier() {
            if (fitnessC > 1.0) {
                return 3;
            }
            if (!Double.isNaN(fitnessC)) {
                return 0; // reached C and lost or failed there
            }
            if (fitnessB > 1.0) {
                return 2;
            }
            return Double.isNaN(fitnessB) ? 1 : 0;
        }

        private double funnelFitness() {
            return switch (funnelTier()) {
                case 3 -> fitnessC;
                case 2 -> fitnessB;
                default -> fitnessA;
            };
        }
    }

    /** After {@code evaluated} stage-A evaluations, the best program on A and its B fitness (NaN if unknown). */
    public record MetaPoint(long evaluated, double seconds, long candidate, double fitnessA, double fitnessB) {
    }
}
