package org.optsearch.train.task.spec;

/**
 * The training budget of a task: the {@code train} object of a task file.
 *
 * @param steps       optimizer steps; > 0
 * @param batchSize   examples (or sequences) per step; 1 .. {@link ModelSpec#MAX_SIZE}
 * @param warmupSteps steps of linear learning-rate warmup; 0 .. steps - 1
 * @param seed        seeds initialization, batch order and the validation split
 * @param trainLimit  use at most this many training examples; 0 for all
 * @param evaluations points on the learning curve (validation runs), evenly spaced, the last at
 *                    the final step; 1 .. steps
 */
public record TrainSpec(int steps, int batchSize, int warmupSteps, long seed, int trainLimit, int evaluations) {

    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_EVALUATIONS = 5;

    public TrainSpec {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        Checks.size("batchSize", batchSize);
        if (warmupSteps < 0 || warmupSteps >= steps) {
            throw new IllegalArgumentException(
                    "warmupSteps must be in 0.." + (steps - 1) + " (below steps), got " + warmupSteps);
        }
        if (trainLimit < 0) {
            throw new IllegalArgumentException("trainLimit must be >= 0 (0 = all), got " + trainLimit);
        }
        if (evaluations < 1 || evaluations > steps) {
            throw new IllegalArgumentException("evaluations must be in 1.." + steps + " (steps), got " + evaluations);
        }
    }

    /** {@code steps} with every other setting at its default. */
    public static TrainSpec withDefaults(int steps) {
        return new TrainSpec(steps, DEFAULT_BATCH_SIZE, defaultWarmupSteps(steps), DEFAULT_SEED, 0,
                defaultEvaluations(steps));
    }

    /** 10% of the steps, rounded down. */
    public static int defaultWarmupSteps(int steps) {
        return steps / 10;
    }

    /** 5, or {@code steps} if fewer. */
    public static int defaultEvaluations(int steps) {
        return Math.min(DEFAULT_EVALUATIONS, steps);
    }
}
