package org.optsearch.suite;

import java.util.List;

/**
 * One training of one program on one workload, measured against a target.
 *
 * @param reachedAt  the first evaluation step at which the validation metric reached the target, or
 *                   {@link #MISS} when it never did within the budget (divergence included)
 * @param best       the best validation metric seen (NaN when no evaluation was made)
 * @param budget     the step budget of the run
 * @param stepsRun   steps actually run (fewer than the budget when the run stopped at the target or diverged)
 * @param divergence why the run diverged, or null
 * @param curve      the validation metric at each evaluation
 */
public record Measurement(String workload, String program, long seed, double target, int reachedAt, double best,
        int budget, int stepsRun, double seconds, String divergence, List<Point> curve) {

    /** {@link #reachedAt} of a run that never reached its target. */
    public static final int MISS = -1;

    public Measurement {
        curve = List.copyOf(curve);
    }

    /** One evaluation: the validation metric after {@code step} steps. */
    public record Point(int step, double value) {
    }

    public boolean reached() {
        return reachedAt != MISS;
    }

    /** Steps to the target; positive infinity for a miss. */
    public double steps() {
        return reached() ? reachedAt : Double.POSITIVE_INFINITY;
    }

    public boolean diverged() {
        return divergence != null;
    }
}
