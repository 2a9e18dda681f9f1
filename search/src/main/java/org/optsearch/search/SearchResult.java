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

    /** A program with its fitness per stage (NaN where it was not evaluated). */
    public record Entry(Candidate candidate, double fitnessA, double fitnessB, double fitnessC) {
    }

    /** After {@code evaluated} stage-A evaluations, the best program on A and its B fitness (NaN if unknown). */
    public record MetaPoint(long evaluated, double seconds, long candidate, double fitnessA, double fitnessB) {
    }
}
