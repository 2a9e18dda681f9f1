package org.optsearch.suite;

import java.util.function.Supplier;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainConfig;

/**
 * One benchmark workload: a model and data at a fixed size, the validation metric its target is set on,
 * the fixed evaluation interval at which reaching the target is checked, and the step count the baselines
 * are tuned with. A held-out variant ({@link #variantOf} not null) changes one thing of its base workload
 * (activation, width, init scale or normalization) and is used only as a check, never in a score.
 *
 * @param tuningSteps  the training length of the target-setting runs (their schedule's horizon)
 * @param evalInterval steps between validation evaluations; every budget is a multiple of it
 * @param task         the model and data (its own training configuration is replaced by {@link #task(int, double, long)})
 */
public record Workload(String name, String description, Metric metric, int tuningSteps, int evalInterval,
        int batchSize, String variantOf, Supplier<Task> task) {

    public Workload {
        if (tuningSteps <= 0 || evalInterval <= 0 || tuningSteps % evalInterval != 0) {
            throw new IllegalArgumentException("workload '" + name + "': tuning steps (" + tuningSteps
                    + ") must be a positive multiple of the evaluation interval (" + evalInterval + ")");
        }
    }

    public boolean heldOut() {
        return variantOf != null;
    }

    /** {@code steps} rounded up to a whole number of evaluation intervals. */
    public int roundUp(long steps) {
        long intervals = Math.max(1, (steps + evalInterval - 1) / evalInterval);
        return (int) Math.min(intervals * evalInterval, Integer.MAX_VALUE / 2);
    }

    /**
     * The task, set to train {@code steps} steps (a multiple of the interval) with a warm-up of
     * {@code warmupFraction} of them and the given seed, evaluating every {@link #evalInterval} steps.
     */
    public Task task(int steps, double warmupFraction, long seed) {
        if (steps % evalInterval != 0) {
            throw new IllegalArgumentException("workload '" + name + "': steps " + steps
                    + " is not a multiple of the evaluation interval " + evalInterval);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warm-up fraction must be in [0, 1), got " + warmupFraction);
        }
        int warmup = (int) Math.min(Math.round(warmupFraction * steps), steps - 1L);
        TrainConfig config = new TrainConfig(steps, batchSize, warmup, seed, steps / evalInterval);
        return task.get().withConfig(config);
    }
}
