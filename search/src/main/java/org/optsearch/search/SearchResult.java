package org.optsearch.search;

import java.util.List;
import org.optsearch.train.run.TrainResult;

/**
 * What a search found.
 *
 * @param status        the final counters
 * @param baseline      the start program's results on the stage-A tasks (fitness 1 by definition)
 * @param top           the best distinct programs by stage-A fitness, best first
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
     * A program with its fitness per stage (NaN where it was not evaluated): {@code fitnessA2} is stage A
     * again with the second seed, which confirms a promotion to B; {@code multiplier} is the step-size
     * multiplier calibration chose on A (1: as written), at which it was trained on every stage.
     */
    public record Entry(Candidate candidate, double fitnessA, double fitnessA2, double fitnessB, double fitnessC,
            double multiplier) {
        /** An entry of a program trained as written, not confirmed on a second seed. */
        public Entry(Candidate candidate, double fitnessA, double fitnessB, double fitnessC) {
            this(candidate, fitnessA, Double.NaN, fitnessB, fitnessC, 1.0);
        }

        /** The program as it was scored: the candidate's, with its multiplier folded in. */
        public org.optsearch.lang.Program program() {
            return org.optsearch.search.calibrate.StepScale.fold(candidate.program(), multiplier);
        }

        Entry withA2(double f) {
            return new Entry(candidate, fitnessA, f, fitnessB, fitnessC, multiplier);
        }

        Entry withB(double f) {
            return new Entry(candidate, fitnessA, fitnessA2, f, fitnessC, multiplier);
        }

        Entry withC(double f) {
            return new Entry(candidate, fitnessA, fitnessA2, fitnessB, f, multiplier);
        }
    }

    /** After {@code evaluated} stage-A evaluations, the best program on A and its B fitness (NaN if unknown). */
    public record MetaPoint(long evaluated, double seconds, long candidate, double fitnessA, double fitnessB) {
    }
}
