package org.optsearch.optim;

/**
 * The learning-rate factor at each step: the value handed to an optimizer program as its {@code lr}
 * input, which the program multiplies by its own learning rate ({@code lr_scale}). A peak of 1.0
 * therefore means "the configured learning rate". Steps count from 0.
 */
public interface Schedule {

    /** The factor at step {@code step} (from 0). */
    double at(long step);

    /** 1.0 at every step. */
    static Schedule constant() {
        return Constant.ONE;
    }

    /**
     * Linear warm-up to 1.0 over {@code warmup} steps, then cosine decay to 0 at {@code steps}: the
     * paper's schedule and the one our trainer uses.
     */
    static Schedule warmupCosine(int warmup, int steps) {
        return new WarmupCosine(steps, warmup, 1.0);
    }

    /** Linear warm-up to 1.0 over {@code warmup} steps, then linear decay to 0 at {@code steps}. */
    static Schedule linearDecay(int warmup, int steps) {
        return new LinearDecay(steps, warmup);
    }

    /** A constant factor. */
    enum Constant implements Schedule {
        ONE;

        @Override
        public double at(long step) {
            return 1.0;
        }
    }

    /**
     * Linear warm-up from {@code peak/warmup} to {@code peak} over {@code warmup} steps, then cosine
     * decay to 0 at {@code steps} (and 0 after it).
     */
    record WarmupCosine(int steps, int warmup, double peak) implements Schedule {
        public WarmupCosine {
            checkSteps(steps, warmup);
            if (!(peak > 0) || !Double.isFinite(peak)) {
                throw new IllegalArgumentException("peak must be finite and > 0, got " + peak);
            }
        }

        @Override
        public double at(long step) {
            if (step < warmup) {
                return peak * (step + 1) / warmup;
            }
            double progress = Math.min(1.0, (double) (step - warmup) / (steps - warmup));
            return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
        }
    }

    /** Linear warm-up to 1.0 over {@code warmup} steps, then linear decay to 0 at {@code steps}. */
    record LinearDecay(int steps, int warmup) implements Schedule {
        public LinearDecay {
            checkSteps(steps, warmup);
        }

        @Override
        public double at(long step) {
            if (step < warmup) {
                return (double) (step + 1) / warmup;
            }
            return Math.max(0.0, 1.0 - (double) (step - warmup) / (steps - warmup));
        }
    }

    private static void checkSteps(int steps, int warmup) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be > 0, got " + steps);
        }
        if (warmup < 0 || warmup >= steps) {
            throw new IllegalArgumentException("warm-up steps must be in 0.." + (steps - 1) + ", got " + warmup);
        }
    }
}
