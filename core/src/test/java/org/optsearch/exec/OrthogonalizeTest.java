package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;

/** orthogonalize against a plain double-precision Newton-Schulz, and its result close to orthogonal. */
class OrthogonalizeTest {
    private static final Program MUON_LIKE = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.95)
              o = orthogonalize(m)
              s = shape_factor(m)
              u = o * s
              u = u * lr
              return u, m
            """);

    /** The iteration as written in the Muon paper, in double, with no blocking: the test's own. */
    static double[][] newtonSchulz(double[][] g) {
        int rows = g.length;
        int cols = g[0].length;
        boolean tall = rows > cols;
        double norm = 0;
        for (double[] row : g) {
            for (double v : row) {
                norm += v * v;
            }
        }
        norm = Math.sqrt(norm) + 1e-7;
        double[][] x = new double[tall ? cols : rows][tall ? rows : cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (tall) {
                    x[c][r] = g[r][c] / norm;
                } else {
                    x[r][c] = g[r][c] / norm;
                }
            }
        }
        for (int it = 0; it < 5; it++) {
            double[][] a = times(x, transpose(x));
            double[][] aa = times(a, a);
            double[][] b = new double[a.length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a.length; j++) {
                    b[i][j] = -4.7750 * a[i][j] + 2.0315 * aa[i][j];
                }
            }
            double[][] bx = times(b, x);
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x[0].length; j++) {
                    x[i][j] = 3.4445 * x[i][j] + bx[i][j];
                }
            }
        }
        return tall ? transpose(x) : x;
    }

    static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static float[] gaussian(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble()));
        }
        return x;
    }

    @Test
    void matchesAPlainDoubleNewtonSchulzOnWideTallAndOddShapes() {
        int[][] shapes = {{16, 48}, {48, 16}, {37, 53}, {64, 64}, {5, 131}, {1, 40}, {40, 1}};
        NewtonSchulz ns = new NewtonSchulz();
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] g = gaussian(rows * cols, rows * 1000L + cols);
            float[] out = new float[g.length + 3];
            ns.apply(g, 0, rows, cols, out, 3);
            double[][] gd = new double[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    gd[r][c] = g[r * cols + c];
                }
            }
            double[][] expected = newtonSchulz(gd);
            double worst = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    worst = Math.max(worst, Math.abs(out[3 + r * cols + c] - expected[r][c]));
                }
            }
            // Entries are about 1/sqrt(max(rows, cols)); float32 GEMMs over k <= 131 keep about 4 digits.
            assertTrue(worst < 2e-4, rows + "x" + cols + ": worst difference " + worst);
        }
    }

    @Test
    void resultIsCloseToOrthogonalItsSingularValuesInTheBand() {
        int rows = 96;
        int cols = 64;
        float[] g = gaussian(rows * cols, 7);
        float[] o = new float[g.length];
        new NewtonSchulz().apply(g, 0, rows, cols, o, 0);
        // Singular values of O are the square roots of the eigenvalues of O^T O (64 x 64), found without
        // an SVD: the largest by power iteration, the smallest by power iteration on 2I - O^T O.
        double[][] od = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                od[r][c] = o[r * cols + c];
            }
        }
        double[][] gram = times(transpose(od), od);
        double largest = powerIteration(gram, 0);
        double smallest = 2 - powerIteration(gram, 2);
        assertTrue(Math.sqrt(largest) < 1.25 && Math.sqrt(smallest) > 0.65,
                "singular values in [" + Math.sqrt(smallest) + ", " + Math.sqrt(largest) + "]");
    }

    /** The largest eigenvalue of {@code shift * I - a} when shift > 0, of a otherwise (a symmetric). */
    private static double powerIteration(double[][] a, double shift) {
        int n = a.length;
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1 / Math.sqrt(n));
        v[0] += 0.1;
        double lambda = 0;
        for (int it = 0; it < 2000; it++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double s = shift > 0 ? shift * v[i] : 0;
                for (int j = 0; j < n; j++) {
                    s += (shift > 0 ? -a[i][j] : a[i][j]) * v[j];
                }
                next[i] = s;
            }
            double norm = 0;
            for (double x : next) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            lambda = norm;
            for (int i = 0; i < n; i++) {
                v[i] = next[i] / norm;
            }
        }
        return lambda;
    }

    @Test
    void aMuonLikeStepUpdatesEachMatrixByItsOrthogonalizationAndVectorsByTheirDirection() {
        ParamLayout layout = new ParamLayout(List.of(new ParamLayout.Segment("hidden", 0, 24 * 16, 24),
                new ParamLayout.Segment("bias", 384, 16)));
        float[] g = gaussian(layout.size(), 3);
        float[] w = new float[layout.size()];
        Executor e = Executor.fused(MUON_LIKE, layout);
        float[][] state = e.newState();
        e.step(w, g, state, 1f);
        float[] m = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            m[i] = 0.05f * g[i];
        }
        float[] o = new float[g.length];
        NewtonSchulz ns = new NewtonSchulz();
        ns.apply(m, 0, 24, 16, o, 0);
        ns.apply(m, 384, 1, 16, o, 384);
        float factor = (float) Math.sqrt(24.0 / 16);
        assertEquals(-o[5] * factor, w[5], 1e-6f);
        assertEquals(-o[390], w[390], 1e-6f);
        double biasNorm = 0;
        for (int i = 384; i < 400; i++) {
            biasNorm += (double) w[i] * w[i];
        }
        double s = Math.sqrt(biasNorm);
        assertTrue(s > 0.65 && s < 1.25, "a vector's direction times the iteration's factor, got norm " + s);
        assertEquals(NewtonSchulz.ofScalar(1f), (float) s, 1e-3f);
    }

    @Test
    void aModelWithOnly1DTensorsIsRefusedAtTheStatement() {
        ProgramException e = assertThrows(ProgramException.class,
                () -> Executor.fused(MUON_LIKE, ParamLayout.of(10, 3)));
        assertTrue(e.getMessage().startsWith("3:3: orthogonalize needs 2-D tensors"), e.getMessage());
        assertTrue(e.getMessage().contains("route 1-D parameters to another program"), e.getMessage());
        assertThrows(ProgramException.class, () -> Executor.reference(MUON_LIKE, ParamLayout.single(4)));
    }

    @Test
    void orthogonalizeOfAScalarIsItsSignTimesTheFactor() {
        assertEquals(0f, NewtonSchulz.ofScalar(0f));
        assertEquals(-NewtonSchulz.ofScalar(3f), NewtonSchulz.ofScalar(-3f));
        assertTrue(NewtonSchulz.ofScalar(3f) > 0.65f && NewtonSchulz.ofScalar(3f) < 1.25f);
        assertTrue(Analysis.of(MUON_LIKE).valid());
    }
}
