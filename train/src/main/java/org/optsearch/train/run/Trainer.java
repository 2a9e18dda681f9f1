package org.optsearch.train.run;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.optsearch.exec.StepReport;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;
import org.optsearch.optim.ProgramOptimizer;
import org.optsearch.optim.Sam;
import org.optsearch.optim.Schedule;
import org.optsearch.train.data.Batcher;
import org.optsearch.train.data.Dataset;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.Model;

/**
 * Trains a task's model with an optimizer program, the paper's loop: state starts at zero, {@code lr}
 * follows warm-up + cosine with peak 1.0, and {@code w = w - update} through the fused executor. Any
 * library {@link Optimizer} can be trained the same way, optionally with sharpness-aware gradients.
 * Single-threaded, so trainings run in parallel across cores; same seed, task and program give a
 * bitwise-identical result.
 *
 * <p>Validation reads the optimizer's {@link Optimizer#evalWeights evaluation weights}: the weights
 * themselves, or a program's readout ({@code return ..., readout=x}, Schedule-Free's x).
 *
 * <p>A run <em>diverges</em> when the training loss is NaN or infinite, when it exceeds
 * {@link #EXPLOSION} times the first step's loss, or when the optimizer writes a non-finite weight;
 * it then stops and scores {@link TrainResult#FAILED}.
 */
public final class Trainer {
    /** Loss growth over the first step's loss that counts as divergence. */
    public static final double EXPLOSION = 10;
    /** Examples per evaluation batch. */
    static final int EVAL_BATCH = 256;

    /** Told about progress; all methods have empty defaults. */
    public interface Listener {
        default void step(int step, int steps, double loss) {
        }

        default void evaluated(TrainResult.Point point) {
        }

        /**
         * Asked after each validation point: return a reason to stop the run there (a search's hurdle),
         * or null to go on. A stopped run scores {@link TrainResult#FAILED}.
         */
        default String stopAt(TrainResult.Point point) {
            return null;
        }

        /**
         * Asked after every step: return a reason to stop now (a time limit), or null to go on. Keep it
         * cheap. A stopped run scores {@link TrainResult#FAILED}.
         */
        default String stopNow(int step) {
            return null;
        }
    }

    private Trainer() {
    }

    public static TrainResult train(Task task, Program program, String programName) {
        return train(task, program, programName, new Listener() { });
    }

    public static TrainResult train(Task task, Program program, String programName, Listener listener) {
        return train(task, Analysis.of(program), programName, listener);
    }

    /** Trains a program already analyzed (it is not checked again); its {@code total_steps} is the task's. */
    public static TrainResult train(Task task, Analysis program, String programName, Listener listener) {
        return train(task, new ProgramOptimizer(programName, program, schedule(task.config()), task.config().steps()),
                null, listener);
    }

    /** The paper's schedule for a task's configuration: warm-up, then cosine decay to 0, peak 1.0. */
    public static Schedule schedule(TrainConfig config) {
        return new Schedule.WarmupCosine(config.steps(), config.warmupSteps(), 1.0);
    }

    /**
     * Trains with any library optimizer (its own schedule applies) and, when {@code sam} is not null,
     * with its sharpness-aware gradients (a fresh {@link Sam}: it keeps per-training buffers). A program
     * optimizer that does not know the training's length is told the task's step count.
     */
    public static TrainResult train(Task task, Optimizer optimizer, Sam sam, Listener listener) {
        long start = System.nanoTime();
        if (optimizer instanceof ProgramOptimizer p && p.totalSteps() == 0) {
            optimizer = p.withTotalSteps(task.config().steps());
        }
        String programName = optimizer.name();
        TrainConfig config = task.config();
        SplittableRandom seed = new SplittableRandom(config.seed());
        SplittableRandom initRandom = seed.split();
        SplittableRandom batchRandom = seed.split();
        Model model = task.model().get();
        float[] w = new float[model.layout().size()];
        float[] grad = new float[w.length];
        model.initialize(w, initRandom);
        OptimizerState state = optimizer.newState(model.layout());
        Batcher batches = new Batcher(task.train(), task.batchSize(), batchRandom);
        int[] evaluateAt = config.evaluationSteps();
        int nextEvaluation = 0;
        List<TrainResult.Point> curve = new ArrayList<>();
        double firstLoss = Double.NaN;
        String divergence = null;
        int step = 0;
        Evaluation last = null;
        while (step < config.steps()) {
            Batch batch = batches.next();
            double loss = sam == null ? model.lossAndGradient(w, batch, grad)
                    : sam.gradient(w, (at, g) -> model.lossAndGradient(at, batch, g), grad);
            if (step == 0) {
                firstLoss = loss;
            }
            if (!Double.isFinite(loss)) {
                divergence = "training loss is " + loss + " at step " + (step + 1);
                break;
            }
            if (loss > EXPLOSION * Math.max(firstLoss, 1e-3)) {
                divergence = "training loss exploded to " + loss + " at step " + (step + 1) + " (first step: "
                        + firstLoss + ")";
                break;
            }
            StepReport report = optimizer.step(w, grad, state);
            step++;
            if (!report.finite()) {
                divergence = "the optimizer wrote " + report.nonFinite() + " non-finite values at step " + step;
                break;
            }
            listener.step(step, config.steps(), loss);
            String now = listener.stopNow(step);
            if (now != null) {
                divergence = now;
                break;
            }
            if (nextEvaluation < evaluateAt.length && step == evaluateAt[nextEvaluation]) {
                last = evaluate(model, optimizer.evalWeights(w, state), task.validation(), task.objective());
                TrainResult.Point point = new TrainResult.Point(step, loss, last.meanLoss(), last.accuracy());
                curve.add(point);
                listener.evaluated(point);
                nextEvaluation++;
                String stop = step < config.steps() ? listener.stopAt(point) : null;
                if (stop != null) {
                    divergence = stop;
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (divergence != null || last == null) {
            double valLoss = last == null ? Double.NaN : last.meanLoss();
            double valAccuracy = last == null ? Double.NaN : last.accuracy();
            return new TrainResult(task.name(), programName, step, valLoss, valAccuracy, TrainResult.FAILED,
                    divergence == null ? "no evaluation was made" : divergence, seconds, curve);
        }
        double fitness = task.objective().fitness(last.meanLoss(), last.accuracy());
        return new TrainResult(task.name(), programName, step, last.meanLoss(), last.accuracy(), fitness, null, seconds,
                curve);
    }

    /** Mean loss and accuracy (NaN unless classification) over a whole dataset. */
    record Evaluation(double meanLoss, double accuracy) {
    }

    static Evaluation evaluate(Model model, float[] w, Dataset data, Objective objective) {
        Model.Evaluation total = new Model.Evaluation(0, 0, 0);
        for (Batch batch : Batcher.sequential(data, EVAL_BATCH)) {
            total = total.plus(model.evaluate(w, batch));
        }
        double mean = total.lossSum() / total.predictions();
        double accuracy = objective == Objective.CLASSIFICATION ? (double) total.correct() / total.predictions()
                : Double.NaN;
        return new Evaluation(mean, accuracy);
    }
}
