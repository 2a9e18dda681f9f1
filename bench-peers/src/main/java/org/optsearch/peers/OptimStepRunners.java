package org.optsearch.peers;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import org.optsearch.djl.OptSearchOptimizer;
import org.optsearch.exec.ParamLayout;
import org.optsearch.optim.OptimizerState;
import org.optsearch.optim.Optimizers;

/**
 * The implementations of {@link OptimStepBenchmark}, each one optimizer step per {@link StepRunner#step()}
 * on the same random weights and gradient (the gradient stays fixed; only the speed is of interest). Same
 * settings everywhere: Lion lr 1e-4, betas 0.9 and 0.99, weight decay 1.0; Adam(W) lr 1e-3, betas 0.9 and
 * 0.999, epsilon 1e-8, AdamW's weight decay 0.01. DJL's classes are only loaded for the DJL rows.
 */
final class OptimStepRunners {

    private OptimStepRunners() {
    }

    static StepRunner create(String impl, int params, long seed) {
        return switch (impl) {
            case "optsearch-lion" -> new ArrayStep(lion(), params, seed);
            case "optsearch-adamw" -> new ArrayStep(adamw(), params, seed);
            case "djl-adam" -> new DjlUpdateStep(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f))
                    .build(), params, seed);
            case "djl-adamw" -> new DjlUpdateStep(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f))
                    .optWeightDecays(0.01f).build(), params, seed);
            case "adapter-lion" -> new DjlUpdateStep(OptSearchOptimizer.of(lion()), params, seed);
            case "adapter-lion-arrays" -> new DjlLionStrategies.ThroughJavaArrays(lion(), params, seed);
            case "djl-ops-lion" -> new DjlLionStrategies.NdArrayOps(params, seed);
            default -> throw new IllegalArgumentException("unknown implementation " + impl);
        };
    }

    static org.optsearch.optim.Optimizer lion() {
        return Optimizers.lion().setLearningRate(1e-4).optBeta1(0.9).optBeta2(0.99).optWeightDecay(1.0).build();
    }

    static org.optsearch.optim.Optimizer adamw() {
        return Optimizers.adamw().setLearningRate(1e-3).optBeta1(0.9).optBeta2(0.999).optEpsilon(1e-8)
                .optWeightDecay(0.01).build();
    }

    /** Weights ~ N(0, 0.1^2) and a gradient ~ N(0, 1), from {@code seed}; the same for every implementation. */
    static float[][] weightsAndGradient(int params, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = new float[params];
        float[] g = new float[params];
        for (int i = 0; i < params; i++) {
            w[i] = (float) (0.1 * rnd.nextGaussian());
            g[i] = (float) rnd.nextGaussian();
        }
        return new float[][] {w, g};
    }

    /** A runner that is an optimizer step alone: there is no forward pass, so no loss to return. */
    abstract static class OptimizerStep implements StepRunner {
        @Override
        public double stepWithLoss() {
            step();
            return Double.NaN;
        }
    }

    /** Our optimizer on Java arrays: what {@code org.optsearch.optim} users call. */
    static final class ArrayStep extends OptimizerStep {
        private final org.optsearch.optim.Optimizer optimizer;
        private final float[] w;
        private final float[] g;
        private final OptimizerState state;

        ArrayStep(org.optsearch.optim.Optimizer optimizer, int params, long seed) {
            this.optimizer = optimizer;
            float[][] wg = weightsAndGradient(params, seed);
            w = wg[0];
            g = wg[1];
            state = optimizer.newState(ParamLayout.single(params));
        }

        @Override
        public void step() {
            optimizer.step(w, g, state);
        }

        @Override
        public long parameterCount() {
            return w.length;
        }
    }
}
