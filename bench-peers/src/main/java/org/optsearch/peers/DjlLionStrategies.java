package org.optsearch.peers;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.optsearch.exec.ParamLayout;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;

/**
 * Two other ways to run Lion on a DJL array, measured to choose how the adapter ({@code adapter-lion})
 * works; each does what a Trainer's update needs: update the weight and clear its gradient.
 *
 * <ul>
 *   <li>{@link ThroughJavaArrays}: our fused executor, copying with DJL's plain API: {@code toFloatArray()}
 *       for the weight and the gradient, {@code set(float[])} to write back. The adapter instead reads and
 *       writes through the arrays' memory ({@code toByteBuffer(true)}), saving allocations and copies.
 *   <li>{@link NdArrayOps}: the program expressed as DJL array operations, in place where DJL has them
 *       (what a general translation of programs into DJL operations would at best produce).
 * </ul>
 */
final class DjlLionStrategies {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.99f;
    private static final float WD = 1.0f;
    private static final float LR = 1e-4f;

    private DjlLionStrategies() {
    }

    /** DJL arrays for the weight (with a gradient) and the gradient. */
    private abstract static class OnDjlArrays implements StepRunner {
        final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        final NDArray weight;
        final NDArray gradient;

        OnDjlArrays(int params, long seed) {
            float[][] wg = OptimStepRunners.weightsAndGradient(params, seed);
            weight = manager.create(wg[0]);
            gradient = manager.create(wg[1]);
            DjlUpdateStep.attachGradient(weight, gradient);
        }

        void clearGradient() {
            try (NDArray accumulated = weight.getGradient()) {
                accumulated.subi(accumulated);
            }
        }

        @Override
        public double stepWithLoss() {
            step();
            return Double.NaN;
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

    static final class ThroughJavaArrays extends OnDjlArrays {
        private final Optimizer lion;
        private final OptimizerState state;

        ThroughJavaArrays(Optimizer lion, int params, long seed) {
            super(params, seed);
            this.lion = lion;
            this.state = lion.newState(ParamLayout.single(params));
        }

        @Override
        public void step() {
            float[] w = weight.toFloatArray();
            float[] g = gradient.toFloatArray();
            lion.step(w, g, state);
            weight.set(w);
            clearGradient();
        }
    }

    static final class NdArrayOps extends OnDjlArrays {
        private final NDArray momentum;

        NdArrayOps(int params, long seed) {
            super(params, seed);
            momentum = weight.zerosLike();
        }

        /** c = beta1*m + (1-beta1)*g; w = w*(1 - lr*wd) - lr*sign(c); m = beta2*m + (1-beta2)*g. */
        @Override
        public void step() {
            try (NDArray c = momentum.mul(BETA1);
                 NDArray scaledGradient = gradient.mul(1 - BETA1);
                 NDArray momentumGradient = gradient.mul(1 - BETA2)) {
                c.addi(scaledGradient).signi().muli(LR);
                weight.muli(1 - LR * WD).subi(c);
                momentum.muli(BETA2).addi(momentumGradient);
            }
            clearGradient();
        }
    }
}
