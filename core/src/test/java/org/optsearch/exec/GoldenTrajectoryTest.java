package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.lang.ShippedPrograms;

/**
 * Lion and AdamW, a few steps out, against the formulas of their papers written out here in double
 * precision: an implementation independent of the language, its executors and {@link Semantics}.
 */
class GoldenTrajectoryTest {
    private static final int N = 257;
    private static final int STEPS = 5;
    private static final double TOLERANCE = 2e-6;

    @Test
    void lionMatchesItsFormula() {
        double b1 = 0.9;
        double b2 = 0.99;
        double wd = 1.0;
        double scale = 1e-4;
        check(ShippedPrograms.load("lion.opt"), (w, g, state, lr) -> {
            double[] m = state[0];
            for (int i = 0; i < w.length; i++) {
                double c = b1 * m[i] + (1 - b1) * g[i];
                w[i] -= lr * scale * (Math.signum(c) + wd * w[i]);
                m[i] = b2 * m[i] + (1 - b2) * g[i];
            }
        }, 1);
    }

    @Test
    void adamwMatchesThePapersProgram3() {
        double b1 = 0.9;
        double b2 = 0.999;
        double wd = 0.01;
        double scale = 1e-3;
        check(ShippedPrograms.load("adamw.opt"), (w, g, state, lr) -> {
            double[] m = state[0];
            double[] v = state[1];
            for (int i = 0; i < w.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                w[i] -= lr * scale * (m[i] / Math.sqrt(v[i]) + wd * w[i]);
            }
        }, 2);
    }

    private interface Formula {
        void step(double[] w, double[] g, double[][] state, double lr);
    }

    private static void check(Program program, Formula formula, int slots) {
        ParamLayout layout = ParamLayout.single(N);
        for (Executor executor : new Executor[] {Executor.fused(program, layout), Executor.reference(program, layout)}) {
            SplittableRandom rnd = new SplittableRandom(3);
            float[] w = Agreement.noise(rnd, N, 1);
            double[] wd = toDouble(w);
            float[][] state = executor.newState();
            double[][] stateD = new double[slots][N];
            for (int step = 0; step < STEPS; step++) {
                float[] g = Agreement.noise(rnd, N, 1);
                float lr = 0.5f + 0.1f * step;
                executor.step(w, g, state, lr);
                formula.step(wd, toDouble(g), stateD, lr);
            }
            for (int i = 0; i < N; i++) {
                assertEquals(wd[i], w[i], TOLERANCE * (1 + Math.abs(wd[i])), "w[" + i + "]");
            }
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
