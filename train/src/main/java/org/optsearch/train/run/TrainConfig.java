package org.optsearch.train.run;

/**
 * How long and how to train: the step budget, the batch size, the warm-up of the schedule, the one
 * seed (initialization and batch order both derive from it), and how many points of the validation
 * curve to record (evenly spaced, the last at the final step).
 */
public record TrainConfig(int steps, int batchSize, int warmupSteps, long seed, int evaluations) {

    public TrainConfig {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
        }
        if (warmupSteps < 0 || warmupSteps >= steps) {
            throw new IllegalArgumentException("warm-up steps must be in 0.." + (steps - 1) + ", got " + warmupSteps);
        }
        if (evaluations < 1 || evaluations > steps) {
            throw new IllegalArgumentException("evaluations must be in 1.." + steps + ", got " + evaluations);
        }
    }

    public TrainConfig withSteps(int newSteps) {
        int warmup = (int) Math.min((long) warmupSteps * newSteps / steps, newSteps - 1L);
        return new TrainConfig(newSteps, batchSize, warmup, seed, Math.min(evaluations, newSteps));
    }

    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(steps, batchSize, warmupSteps, newSeed, evaluations);
    }

    /** The steps after which the validation set is evaluated (1-based step counts). */
    public int[] evaluationSteps() {
        int[] at = new int[evaluations];
        for (int i = 0; i < evaluations; i++) {
            at[i] = (int) ((long) steps * (i + 1) / evaluations);
        }
        return at;
    }
}
