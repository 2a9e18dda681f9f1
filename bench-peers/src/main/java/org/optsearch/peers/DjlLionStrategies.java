package org.optsearch.peers;

import ai.djl.ndarray.NDArray;
import org.optsearch.exec.ParamLayout;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;

/**
 * Two other ways to run Lion on a DJL array, measured to choose how the adapter ({@code adapter-lion})
 * works; each does what a Trainer's update needs on a {@link DjlParameter}: update the weight and clear its
 * gradient.
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

    static final class ThroughJavaArrays extends DjlParameter {
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

    static final class NdArrayOps extends DjlParameter {
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
