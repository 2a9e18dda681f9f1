package org.optsearch.train.run;

import java.util.List;

/**
 * The outcome of one training.
 *
 * @param steps       steps completed (fewer than asked when the run diverged)
 * @param valLoss     mean validation loss at the end (NaN when diverged before any evaluation)
 * @param valAccuracy validation accuracy for classification, NaN otherwise
 * @param fitness     {@link Objective#fitness}: higher is better; {@link #FAILED} when diverged
 * @param divergence  why the run stopped early, or null
 * @param curve       validation points along the way
 */
public record TrainResult(String task, String program, int steps, double valLoss, double valAccuracy,
        double fitness, String divergence, double seconds, List<Point> curve) {

    /** The fitness of a diverged run: below anything a finished run can score. */
    public static final double FAILED = Double.NEGATIVE_INFINITY;

    public TrainResult {
        curve = List.copyOf(curve);
    }

    public boolean diverged() {
        return divergence != null;
    }

    /** One validation evaluation: after {@code step} steps, with the training loss of that step. */
    public record Point(int step, double trainLoss, double valLoss, double valAccuracy) {
    }
}
