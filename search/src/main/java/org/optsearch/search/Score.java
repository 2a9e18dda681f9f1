package org.optsearch.search;

import java.util.List;
import org.optsearch.train.run.TrainResult;

/**
 * A program's result on one stage: the mean over the stage's tasks of its normalized validation loss (1 =
 * the start program, 0 = chance), or {@link TrainResult#FAILED} when any task diverged or hit a hurdle.
 *
 * @param fitness    the search's fitness: higher is better
 * @param results    the training result of each task
 * @param stopped    why it failed (divergence, hurdle, time limit, error), or null
 * @param hurdle     whether a hurdle stopped it (its validation loss at a checkpoint was too far above the
 *                   start program's)
 * @param savedSteps training steps not run because a hurdle stopped it
 * @param multiplier the step-size multiplier the result was trained at: what calibration chose on stage A
 *                   (1 when the program ran as written)
 */
public record Score(double fitness, List<TrainResult> results, String stopped, boolean hurdle, long savedSteps,
        double multiplier) {

    public Score {
        results = List.copyOf(results);
        if (hurdle && stopped == null) {
            throw new IllegalArgumentException("a score stopped at a hurdle needs the reason it stopped");
        }
        if (savedSteps < 0) {
            throw new IllegalArgumentException("saved steps must be >= 0, got " + savedSteps);
        }
        if (!(multiplier > 0 && Double.isFinite(multiplier))) {
            throw new IllegalArgumentException("a step-size multiplier must be finite and > 0, got " + multiplier);
        }
    }

    /** A result of the program as written (multiplier 1). */
    public Score(double fitness, List<TrainResult> results, String stopped, boolean hurdle, long savedSteps) {
        this(fitness, results, stopped, hurdle, savedSteps, 1.0);
    }

    /** This result, trained at step-size multiplier {@code k}. */
    public Score withMultiplier(double k) {
        return new Score(fitness, results, stopped, hurdle, savedSteps, k);
    }

    /** A completed training's score. */
    public static Score of(double fitness, List<TrainResult> results) {
        return new Score(fitness, results, null, false, 0);
    }

    public boolean failed() {
        return fitness == TrainResult.FAILED;
    }

    public static Score failure(String why) {
        return new Score(TrainResult.FAILED, List.of(), why, false, 0);
    }
}
