package org.optsearch.suite;

import java.util.ArrayList;
import java.util.List;
import org.optsearch.lang.Program;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;

/**
 * Measures steps to target: trains a program on a workload with the learning-rate schedule laid out over
 * the workload's horizon (its tuning steps, AlgoPerf's "step hint"), stops at the step budget, and checks
 * the validation metric every evaluation interval; the first evaluation step at which the metric reaches
 * the target is the result. Because the horizon does not depend on the budget, a baseline rerun at the
 * budget follows exactly the curve its target-setting run followed. Deterministic: the same program, workload, budget and seed give
 * the same step count (wall-clock time is reported beside it, never used). A run that diverges (non-finite
 * or exploding loss, non-finite weights) or throws is a miss, never a crash.
 */
public final class StepsToTarget {
    /** The reason given to the trainer to stop a run that has reached its target. */
    static final String REACHED = "target reached";
    /** The reason given to the trainer to stop a run at its budget, before the horizon. */
    static final String SPENT = "budget spent";

    private StepsToTarget() {
    }

    /**
     * How a run goes: its step budget (at most the horizon), the schedule's horizon, the warm-up fraction of
     * the horizon, the seed, and whether to stop at the target (scoring) or run on (target setting).
     */
    public record Run(int budget, int horizon, double warmupFraction, long seed, boolean stopAtTarget) {
        public Run {
            if (budget < 1 || budget > horizon) {
                throw new IllegalArgumentException("a step budget must be in 1.." + horizon + " (the schedule's horizon), got "
                        + budget);
            }
        }

        /** A run of the whole horizon that records the curve (target setting). */
        public static Run full(int horizon, double warmupFraction, long seed) {
            return new Run(horizon, horizon, warmupFraction, seed, false);
        }
    }

    /**
     * @param target the metric value to reach; NaN to record the curve only (every run is then a miss)
     */
    public static Measurement measure(Workload workload, Program program, String programName, double target, Run run) {
        Metric metric = workload.metric();
        List<Measurement.Point> curve = new ArrayList<>();
        int[] reached = {Measurement.MISS};
        double[] best = {Double.NaN};
        long start = System.nanoTime();
        TrainResult result;
        try {
            Task task = workload.task(run.horizon(), run.warmupFraction(), run.seed());
            result = Trainer.train(task, program, programName, new Trainer.Listener() {
                @Override
                public void evaluated(TrainResult.Point point) {
                    double value = metric.value(point);
                    curve.add(new Measurement.Point(point.step(), value));
                    best[0] = metric.better(best[0], value);
                    if (reached[0] == Measurement.MISS && metric.reaches(value, target)) {
                        reached[0] = point.step();
                    }
                }

                @Override
                public String stopAt(TrainResult.Point point) {
                    if (run.stopAtTarget() && reached[0] != Measurement.MISS) {
                        return REACHED;
                    }
                    return point.step() >= run.budget() ? SPENT : null;
                }
            });
        } catch (RuntimeException e) {
            double seconds = (System.nanoTime() - start) / 1e9;
            String why = "training failed: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            return new Measurement(workload.name(), programName, run.seed(), target, Measurement.MISS, best[0],
                    run.budget(), 0, seconds, why, curve);
        }
        String divergence = result.diverged() && !REACHED.equals(result.divergence())
                && !SPENT.equals(result.divergence()) ? result.divergence() : null;
        int at = divergence == null ? reached[0] : Measurement.MISS;
        return new Measurement(workload.name(), programName, run.seed(), target, at, best[0], run.budget(),
                result.steps(), result.seconds(), divergence, curve);
    }
}
