package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared loops against plain double loops, on sizes around the vector width and with strided views. */
class KernelsTest {
    private static final GradientCheck.Tolerance TOL = new GradientCheck.Tolerance(1e-5, 1e-5);

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"1, 1, 1", "5, 7, 3", "4, 32, 16", "9, 33, 130", "13, 50, 257", "3, 16, 1", "8, 48, 9", "21, 64, 3"})
    void gemmAccumulatesOnPlainAndTransposedViewsWithLeadingDimensions(int m, int n, int k) {
        SplittableRandom rnd = new SplittableRandom(m * 10_000L + n * 100L + k);
        // A is stored k x (m + 2) and read transposed; B is k x n inside a wider k x (n + 3); C inside m x (n + 1).
        int lda = m + 2;
        int ldb = n + 3;
        int ldc = n + 1;
        float[] a = GradientCheck.uniform(rnd, 1 + k * lda, 1.0);
        float[] b = GradientCheck.uniform(rnd, 2 + k * ldb, 1.0);
        float[] c = GradientCheck.uniform(rnd, 3 + m * ldc, 1.0);
        float[] expected = c.clone();
        double[] exact = GradientCheck.toDouble(c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = exact[3 + i * ldc + j];
                for (int p = 0; p < k; p++) {
                    s += (double) a[1 + p * lda + i] * b[2 + p * ldb + j];
                }
                exact[3 + i * ldc + j] = s;
            }
        }
        Matmul.gemm(m, n, k, a, 1, 1, lda, b, 2, ldb, c, 3, ldc);
        for (int i = 0; i < c.length; i++) {
            boolean inside = i >= 3 && (i - 3) % ldc < n;
            double want = inside ? exact[i] : expected[i];
            float tolerance = (float) (1e-5 * Math.sqrt(k) * (1 + Math.abs(want)));
            assertEquals(want, c[i], tolerance, "c[" + i + "]");
        }
    }

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"1, 1, 1", "3, 5, 40", "2, 9, 16", "4, 4, 17", "1, 7, 100"})
    void gemmNTTakesDotProductsOfRows(int m, int n, int k) {
        SplittableRandom rnd = new SplittableRandom(m + 31L * n + 961L * k);
        float[] a = GradientCheck.uniform(rnd, m * (k + 1), 1.0);
        float[] b = GradientCheck.uniform(rnd, n * (k + 2), 1.0);
        float[] c = GradientCheck.uniform(rnd, m * n, 1.0);
        double[] want = GradientCheck.toDouble(c);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    want[i * n + j] += (double) a[i * (k + 1) + p] * b[j * (k + 2) + p];
                }
            }
        }
        Matmul.gemmNT(m, n, k, a, 0, k + 1, b, 0, k + 2, c, 0, n);
        GradientCheck.assertOutput("gemmNT", want, c, TOL);
    }

    @Test
    void transposeScalesAndRespectsLeadingDimensions() {
        float[] src = {1, 2, 3, 99, 4, 5, 6, 99};
        float[] dst = new float[3 * 3];
        Matmul.transpose(2, 3, 2f, src, 0, 4, dst, 0, 3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {2, 8, 0, 4, 10, 0, 6, 12, 0}, dst);
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"1", "15", "16", "17", "100"})
    void reductionsAndUpdatesCoverTheVectorTail(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] x = GradientCheck.uniform(rnd, n + 2, 1.0);
        float[] y = GradientCheck.uniform(rnd, n + 1, 1.0);
        double sum = 0;
        double dot = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            sum += x[2 + i];
            dot += (double) x[2 + i] * y[1 + i];
            max = Math.max(max, x[2 + i]);
        }
        assertEquals(sum, Kernels.sum(x, 2, n), 1e-5 * n);
        assertEquals(dot, Kernels.dot(x, 2, y, 1, n), 1e-5 * n);
        assertEquals(max, Kernels.max(x, 2, n));
        float[] z = y.clone();
        Kernels.axpy(0.5f, x, 2, z, 1, n);
        for (int i = 0; i < n; i++) {
            assertEquals(y[1 + i] + 0.5f * x[2 + i], z[1 + i], 1e-6f);
        }
        assertEquals(y[0], z[0], "before the run");
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"1", "10", "16", "37"})
    void softmaxSumsToOneAndReturnsTheLogNormalizer(int n) {
        SplittableRandom rnd = new SplittableRandom(n + 5);
        float[] x = GradientCheck.uniform(rnd, n, 30.0);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : x) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (float v : x) {
            z += Math.exp(v - max);
        }
        double[] want = new double[n];
        for (int i = 0; i < n; i++) {
            want[i] = Math.exp(x[i] - max) / z;
        }
        float[] p = new float[n];
        double logNormalizer = Kernels.softmax(x, 0, p, 0, n);
        GradientCheck.assertOutput("softmax", want, p, TOL);
        assertEquals(max + Math.log(z), logNormalizer, 1e-5 * (1 + Math.abs(logNormalizer)));
        assertTrue(Math.abs(Kernels.sum(p, 0, n) - 1) < 1e-5);
    }
}
