package org.optsearch.peers;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;

/**
 * A DJL optimizer's {@code update(parameterId, weight, grad)} on one parameter, as a Trainer calls it: the
 * weight requires a gradient and has one (DJL's optimizers, and ours, clear it after each update, so that
 * cost is in every DJL row), and the gradient is a separate array, as DJL's parameter server hands it over.
 */
final class DjlUpdateStep implements StepRunner {
    private final Optimizer optimizer;
    private final NDManager manager;
    final NDArray weight;
    final NDArray gradient;

    DjlUpdateStep(Optimizer optimizer, int params, long seed) {
        this.optimizer = optimizer;
        this.manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        float[][] wg = OptimStepRunners.weightsAndGradient(params, seed);
        weight = manager.create(wg[0]);
        gradient = manager.create(wg[1]);
        attachGradient(weight, gradient);
    }

    /** Gives {@code weight} an accumulated gradient equal to {@code gradient}: d(sum(w * g))/dw = g. */
    static void attachGradient(NDArray weight, NDArray gradient) {
        weight.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector();
             NDArray product = weight.mul(gradient);
             NDArray sum = product.sum()) {
            collector.backward(sum);
        }
    }

    @Override
    public double stepWithLoss() {
        step();
        return Double.NaN;
    }

    @Override
    public void step() {
        optimizer.update("w", weight, gradient);
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
