package org.optsearch.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * One parameter on DJL arrays, as a Trainer hands it to an optimizer's {@code update(parameterId, weight, grad)}:
 * the weight requires a gradient and has one (DJL's optimizers, and ours, clear it after each update, so that cost
 * is in every DJL row), and the gradient is a separate array, as DJL's parameter server hands it over. Every DJL
 * row of {@link OptimStepBenchmark} starts from these arrays, filled as {@link OptimStepRunners#weightsAndGradient}.
 */
abstract class DjlParameter extends OptimStepRunners.OptimizerStep {
    private final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    final NDArray weight;
    final NDArray gradient;

    DjlParameter(int params, long seed) {
        float[][] wg = OptimStepRunners.weightsAndGradient(params, seed);
        weight = manager.create(wg[0]);
        gradient = manager.create(wg[1]);
        attachGradient(weight, gradient);
    }

    /** Gives {@code weight} an accumulated gradient equal to {@code gradient}: d(sum(w * g))/dw = g. */
    private static void attachGradient(NDArray weight, NDArray gradient) {
        weight.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector();
             NDArray product = weight.mul(gradient);
             NDArray sum = product.sum()) {
            collector.backward(sum);
        }
    }

    /** Zeroes the weight's accumulated gradient, as DJL's optimizers do at the end of an update. */
    void clearGradient() {
        try (NDArray accumulated = weight.getGradient()) {
            accumulated.subi(accumulated);
        }
    }

    @Override
    public long parameterCount() {
        return weight.size();
    }

    @Override
    public void close() {
        manager.close();
    }
}
