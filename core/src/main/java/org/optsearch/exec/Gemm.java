package org.optsearch.exec;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code C += A . B} on row-major float matrices in flat arrays, single-threaded: the matrix products of
 * {@code orthogonalize}. Each matrix is an array, an offset and a leading dimension (the distance between
 * the starts of consecutive rows). {@code C} must not overlap {@code A} or {@code B}.
 *
 * <p>It walks {@code k} in blocks of {@value #KC} rows of {@code B}, and within a block keeps four rows
 * by two vectors of {@code C} in registers while it streams the block's strip of {@code B}, which stays
 * in the L1 cache across all rows of {@code A}. Columns past the last pair of vectors run one vector,
 * then scalar.
 */
public final class Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of B per block: a strip of two vectors is 16 KiB with AVX-512. */
    private static final int KC = 128;

    private Gemm() {
    }

    /** {@code C[m][n] += A[m][k] . B[k][n]}. */
    public static void multiplyAdd(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        int pairs = n / (2 * L) * (2 * L);
        int singles = n / L * L;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            int ap = aOff + p0;
            int bp = bOff + p0 * ldb;
            for (int j = 0; j < pairs; j += 2 * L) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    block4x2(kc, a, ap + i * lda, lda, b, bp + j, ldb, c, cOff + i * ldc + j, ldc);
                }
                for (; i < m; i++) {
                    block1(kc, a, ap + i * lda, b, bp + j, ldb, c, cOff + i * ldc + j, 2);
                }
            }
            for (int j = pairs; j < singles; j += L) {
                for (int i = 0; i < m; i++) {
                    block1(kc, a, ap + i * lda, b, bp + j, ldb, c, cOff + i * ldc + j, 1);
                }
            }
            for (int i = 0; i < m; i++) {
                for (int j = singles; j < n; j++) {
                    float s = 0;
                    for (int p = 0; p < kc; p++) {
                        s += a[ap + i * lda + p] * b[bp + p * ldb + j];
                    }
                    c[cOff + i * ldc + j] += s;
                }
            }
        }
    }

    private static void block4x2(int k, float[] a, int ai, int lda, float[] b, int bj, int ldb, float[] c, int cij,
            int ldc) {
        FloatVector c00 = FloatVector.fromArray(S, c, cij);
        FloatVector c01 = FloatVector.fromArray(S, c, cij + L);
        FloatVector c10 = FloatVector.fromArray(S, c, cij + ldc);
        FloatVector c11 = FloatVector.fromArray(S, c, cij + ldc + L);
        FloatVector c20 = FloatVector.fromArray(S, c, cij + 2 * ldc);
        FloatVector c21 = FloatVector.fromArray(S, c, cij + 2 * ldc + L);
        FloatVector c30 = FloatVector.fromArray(S, c, cij + 3 * ldc);
        FloatVector c31 = FloatVector.fromArray(S, c, cij + 3 * ldc + L);
        for (int p = 0; p < k; p++, bj += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bj);
            FloatVector b1 = FloatVector.fromArray(S, b, bj + L);
            FloatVector x = FloatVector.broadcast(S, a[ai + p]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = FloatVector.broadcast(S, a[ai + lda + p]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = FloatVector.broadcast(S, a[ai + 2 * lda + p]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = FloatVector.broadcast(S, a[ai + 3 * lda + p]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        c00.intoArray(c, cij);
        c01.intoArray(c, cij + L);
        c10.intoArray(c, cij + ldc);
        c11.intoArray(c, cij + ldc + L);
        c20.intoArray(c, cij + 2 * ldc);
        c21.intoArray(c, cij + 2 * ldc + L);
        c30.intoArray(c, cij + 3 * ldc);
        c31.intoArray(c, cij + 3 * ldc + L);
    }

    /** One row of C by one or two vectors. */
    private static void block1(int k, float[] a, int ai, float[] b, int bj, int ldb, float[] c, int cij, int vectors) {
        for (int v = 0; v < vectors; v++) {
            FloatVector acc = FloatVector.fromArray(S, c, cij + v * L);
            for (int p = 0, bp = bj + v * L; p < k; p++, bp += ldb) {
                acc = FloatVector.fromArray(S, b, bp).fma(FloatVector.broadcast(S, a[ai + p]), acc);
            }
            acc.intoArray(c, cij + v * L);
        }
    }
}
