package org.optsearch.exec;

import java.util.SplittableRandom;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * Runs a program with the reference interpreter and a fused executor from the same inputs and reports
 * the worst disagreement. Two values agree when both are NaN, both are the same infinity, or
 * {@code |fused - reference| <= ABS + REL * |reference|}.
 */
final class Agreement {
    /** The stated tolerance of the fused executor against the reference interpreter. */
    static final double REL = 1e-4;
    static final double ABS = 1e-5;

    record Result(int disagreements, int values, String firstDisagreement, long referenceNonFinite,
            long fusedNonFinite) {
    }

    private Agreement() {
    }

    /** Fills w, g and every slot with normal noise times {@code scale}, then compares {@code steps} steps. */
    static Result compare(Program program, ParamLayout layout, boolean compiled, int steps, double scale, long seed) {
        Executor reference = Executor.reference(program, layout);
        Executor fused = new FusedExecutor(Analysis.of(program).requireValid(), layout, compiled);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = layout.size();
        float[] w = noise(rnd, n, scale);
        float[][] state = new float[reference.slotCount()][];
        for (int s = 0; s < state.length; s++) {
            state[s] = noise(rnd, n, scale);
        }
        float[] w2 = w.clone();
        float[][] state2 = new float[state.length][];
        for (int s = 0; s < state.length; s++) {
            state2[s] = state[s].clone();
        }
        int disagreements = 0;
        int values = 0;
        String first = null;
        long refNonFinite = 0;
        long fusedNonFinite = 0;
        for (int step = 0; step < steps; step++) {
            float[] g = noise(rnd, n, scale);
            StepValues lr = new StepValues((float) (0.1 + rnd.nextDouble()), step + 1, steps);
            refNonFinite += reference.step(w, g, state, lr).nonFinite();
            fusedNonFinite += fused.step(w2, g, state2, lr).nonFinite();
            for (int s = -1; s < state.length; s++) {
                float[] a = s < 0 ? w : state[s];
                float[] b = s < 0 ? w2 : state2[s];
                for (int i = 0; i < n; i++) {
                    values++;
                    if (!agree(a[i], b[i])) {
                        disagreements++;
                        if (first == null) {
                            first = "step " + step + ", " + (s < 0 ? "w" : "slot " + s) + "[" + i + "]: reference "
                                    + a[i] + ", fused " + b[i];
                        }
                    }
                }
            }
            // Continue from the same point so that one disagreement does not cascade.
            System.arraycopy(w, 0, w2, 0, n);
            for (int s = 0; s < state.length; s++) {
                System.arraycopy(state[s], 0, state2[s], 0, n);
            }
        }
        return new Result(disagreements, values, first, refNonFinite, fusedNonFinite);
    }

    static boolean agree(float reference, float fused) {
        if (Float.isNaN(reference) || Float.isNaN(fused)) {
            return Float.isNaN(reference) && Float.isNaN(fused);
        }
        if (Float.isInfinite(reference) || Float.isInfinite(fused)) {
            return reference == fused;
        }
        return Math.abs((double) fused - reference) <= ABS + REL * Math.abs(reference);
    }

    static float[] noise(SplittableRandom rnd, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (gaussian(rnd) * scale);
        }
        return x;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
