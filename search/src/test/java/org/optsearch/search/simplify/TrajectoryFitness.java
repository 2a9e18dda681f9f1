package org.optsearch.search.simplify;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;

/**
 * A cheap, deterministic fitness for tests of the greedy step: minus how far (relative, at worst) a
 * program's weights stray over 20 steps on a fixed quadratic bowl from where a reference program's go.
 * 0 is a perfect match; a run that produces NaN or infinities scores minus infinity.
 */
final class TrajectoryFitness {
    static final int STEPS = 20;
    static final float LR = 0.5f;
    private static final ParamLayout LAYOUT = ParamLayout.single(8);

    private TrajectoryFitness() {
    }

    static ToDoubleFunction<Program> closeTo(Program reference, double weightScale) {
        float[][] target = trajectory(reference, weightScale);
        return p -> {
            float[][] t = trajectory(p, weightScale);
            double worst = 0;
            double scale = 0;
            for (int s = 0; s < STEPS; s++) {
                for (int i = 0; i < t[s].length; i++) {
                    if (!Float.isFinite(t[s][i])) {
                        return Double.NEGATIVE_INFINITY;
                    }
                    worst = Math.max(worst, Math.abs(t[s][i] - target[s][i]));
                    scale = Math.max(scale, Math.abs(target[s][i]));
                }
            }
            return -worst / scale;
        };
    }

    /** The weights after each step; the loss is sum(a_i w_i^2) / 2 with curvatures a_i from 0.5 to 2.25. */
    static float[][] trajectory(Program p, double weightScale) {
        Executor executor = Executor.reference(p, LAYOUT);
        SplittableRandom rnd = new SplittableRandom(42);
        int n = LAYOUT.size();
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (weightScale * rnd.nextGaussian());
        }
        float[] g = new float[n];
        float[][] state = executor.newState();
        float[][] out = new float[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            for (int i = 0; i < n; i++) {
                g[i] = (0.5f + 0.25f * i) * w[i];
            }
            executor.step(w, g, state, LR);
            out[s] = w.clone();
        }
        return out;
    }
}
