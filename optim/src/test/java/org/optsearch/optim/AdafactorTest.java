package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;

/**
 * Adafactor against a second, deliberately naive implementation in double: it builds the full
 * second-moment estimate {@code V = R C^T / mean(R)} as a matrix and clips with the RMS of the whole
 * update, written from the paper's Algorithms 4 and 5 rather than from the optimized code.
 */
class AdafactorTest {
    static final int ROWS = 6;
    static final int COLS = 5;
    static final ParamLayout LAYOUT = new ParamLayout(List.of(
            new ParamLayout.Segment("weight", 0, ROWS * COLS, ROWS), new ParamLayout.Segment("bias", 30, 4)));

    @Test
    void matchesTheNaiveAlgorithmWithAndWithoutMomentum() {
        for (double beta1 : new double[] {0, 0.9}) {
            for (double clip : new double[] {1.0, 0.05}) { // 0.05: the clipping is active
                Adafactor opt = Optimizers.adafactor().setLearningRate(0.01).optBeta1(beta1).optClipThreshold(clip)
                        .optWeightDecay(0.1).build();
                float[] w = initial();
                OptimizerState state = opt.newState(LAYOUT);
                Naive naive = new Naive(beta1, clip);
                double[] expected = toDouble(w);
                for (int t = 1; t <= 10; t++) {
                    float[] g = gradient(t);
                    opt.step(w, g, state);
                    naive.step(expected, g, t);
                }
                for (int i = 0; i < w.length; i++) {
                    assertEquals(expected[i], w[i], 2e-5 * (1 + Math.abs(expected[i])),
                            "beta1 " + beta1 + " clip " + clip + " element " + i);
                }
            }
        }
    }

    @Test
    void aMatrixKeepsRowsPlusColumnsNotEveryElement() {
        OptimizerState state = Optimizers.adafactor().setLearningRate(0.01).build().newState(LAYOUT);
        assertEquals(3, state.slots().length);
        assertEquals(ROWS, state.slots()[0].length);
        assertEquals(COLS, state.slots()[1].length);
        assertEquals(4, state.slots()[2].length);
    }

    @Test
    void settingsAreChecked() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.adafactor().optDecayRate(1.5));
        assertEquals("adafactor: decay rate must be finite and in (0, 1], got 1.5", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Optimizers.adafactor().build());
    }

    /** The paper's algorithm, one full matrix at a time. */
    static final class Naive {
        final double beta1;
        final double clip;
        final double[] rows = new double[ROWS];
        final double[] cols = new double[COLS];
        final double[] bias = new double[4];
        final double[] momentum = new double[ROWS * COLS + 4];

        Naive(double beta1, double clip) {
            this.beta1 = beta1;
            this.clip = clip;
        }

        void step(double[] w, float[] g, int t) {
            double beta2 = 1 - Math.pow(t, -0.8);
            double[][] sq = new double[ROWS][COLS];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    sq[r][c] = (double) g[r * COLS + c] * g[r * COLS + c] + 1e-30;
                }
            }
            for (int r = 0; r < ROWS; r++) {
                double mean = 0;
                for (int c = 0; c < COLS; c++) {
                    mean += sq[r][c] / COLS;
                }
                rows[r] = beta2 * rows[r] + (1 - beta2) * mean;
            }
            for (int c = 0; c < COLS; c++) {
                double mean = 0;
                for (int r = 0; r < ROWS; r++) {
                    mean += sq[r][c] / ROWS;
                }
                cols[c] = beta2 * cols[c] + (1 - beta2) * mean;
            }
            double rowMean = 0;
            for (double r : rows) {
                rowMean += r / ROWS;
            }
            double[] u = new double[ROWS * COLS];
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    double v = rows[r] * cols[c] / rowMean;
                    u[r * COLS + c] = g[r * COLS + c] / Math.sqrt(v);
                }
            }
            apply(w, clipped(u), 0);
            double[] ub = new double[4];
            for (int i = 0; i < 4; i++) {
                double gi = g[30 + i];
                bias[i] = beta2 * bias[i] + (1 - beta2) * (gi * gi + 1e-30);
                ub[i] = gi / Math.sqrt(bias[i]);
            }
            apply(w, clipped(ub), 30);
        }

        double[] clipped(double[] u) {
            double ms = 0;
            for (double x : u) {
                ms += x * x / u.length;
            }
            double d = Math.max(1, Math.sqrt(ms) / clip);
            double[] out = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                out[i] = u[i] / d;
            }
            return out;
        }

        void apply(double[] w, double[] u, int offset) {
            for (int i = 0; i < u.length; i++) {
                double direction = u[i];
                if (beta1 > 0) {
                    momentum[offset + i] = beta1 * momentum[offset + i] + (1 - beta1) * direction;
                    direction = momentum[offset + i];
                }
                w[offset + i] -= 0.01 * (direction + 0.1 * w[offset + i]);
            }
        }
    }

    static float[] initial() {
        float[] w = new float[LAYOUT.size()];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        return w;
    }

    static float[] gradient(int t) {
        SplittableRandom rnd = new SplittableRandom(100 + t);
        float[] g = new float[LAYOUT.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) (rnd.nextGaussian() * (1 + i % 4));
        }
        return g;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
