package org.optsearch.train.run;

/**
 * The learning-rate value handed to the optimizer program at each step (the program scales it by its
 * own constants). The paper's schedule is {@link WarmupCosine} with peak 1.0.
 */
public interface Schedule {

    /** The value at step {@code step} (from 0). */
    double at(int step);

    /**
     * Linear warm-up from {@code peak/warmup} to {@code peak} over {@code warmup} steps, then cosine
     * decay to 0 at {@code steps}.
     */
    record WarmupCosine(int steps, int warmup, double peak) implements Schedule {
        public WarmupCosine {
            if (steps <= 0) {
                throw new IllegalArgumentException("steps must be > 0, got " + steps);
            }
            if (warmup < 0 || warmup >= steps) {
                throw new IllegalArgumentException("warm-up steps must be in 0.." + (steps - 1) + ", got " + warmup);
            }
        }

        @Override
        public double at(int step) {
            if (step < warmup) {
                return peak * (step + 1) / warmup;
            }
            double progress = (double) (step - warmup) / (steps - warmup);
            return peak * 0.5 * (1 + Math.cos(Math.PI * progress));
        }
    }
}
