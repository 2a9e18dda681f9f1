package org.optsearch.train.nn;

import static jdk.incubator.vector.VectorOperators.ADD;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products on row-major float matrices held in flat arrays, single-threaded, accumulating into the
 * result ({@code C += ...}). Each matrix is given by an array, an offset and a leading dimension (the
 * distance between the starts of consecutive rows), so a head's slice of a wider activation or a tensor
 * inside the flat parameter buffer is used in place.
 *
 * <p>Two forms, and callers pick by shape: {@link #gemm} vectorizes along the columns of {@code C} (each
 * step adds a scalar times a row of {@code B} to a row of {@code C}), so it wants {@code n} of at least
 * {@link #LANES}; {@link #gemmNT} takes dot products along {@code k}, so it wants {@code k} of at least
 * {@link #LANES} and suits a {@code C} of one to a few columns (one regression output). {@link #transpose}
 * turns one form into the other.
 *
 * <p>{@link #gemm} keeps a block of 8 rows by 2 vectors of {@code C} in registers (then 4 rows, then single
 * rows; then one vector; columns past the last whole vector are scalar) and walks {@code k} in blocks of
 * {@value #KC}, so the strip of {@code B} it rereads for every block of rows stays in the L1 cache.
 */
public final class Matmul {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Floats in one vector of the preferred species: 16 with AVX-512, 8 with AVX2. */
    public static final int LANES = S.length();
    /** Rows of {@code B} per cache block of {@link #gemm}: a strip of two vectors is then 16 KiB with AVX-512. */
    private static final int KC = 128;

    private Matmul() {
    }

    /**
     * {@code C[m][n] += A[m][k] . B[k][n]}. Element {@code A(i, p)} is {@code a[aOff + i * aRowStride + p *
     * aColStride]}, so {@code A} may be a transposed view ({@code aRowStride = 1, aColStride = lda});
     * {@code B} and {@code C} are row-major with leading dimensions {@code ldb} and {@code ldc}. {@code C}
     * must not overlap {@code A} or {@code B}.
     */
    public static void gemm(int m, int n, int k, float[] a, int aOff, int aRowStride, int aColStride,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int vectorEnd = S.loopBound(n);
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            int ap = aOff + p0 * aColStride;
            int bp = bOff + p0 * ldb;
            int j = 0;
            for (; j + 2 * LANES <= vectorEnd; j += 2 * LANES) {
                int i = 0;
                for (; i + 8 <= m; i += 8) {
                    rows8cols2(kc, a, ap + i * aRowStride, aRowStride, aColStride, b, bp + j, ldb, c,
                            cOff + i * ldc + j, ldc);
                }
                for (; i + 4 <= m; i += 4) {
                    rows4cols2(kc, a, ap + i * aRowStride, aRowStride, aColStride, b, bp + j, ldb, c,
                            cOff + i * ldc + j, ldc);
                }
                for (; i < m; i++) {
                    rows1cols2(kc, a, ap + i * aRowStride, aColStride, b, bp + j, ldb, c, cOff + i * ldc + j);
                }
            }
            for (; j < vectorEnd; j += LANES) {
                int i = 0;
                for (; i + 8 <= m; i += 8) {
                    rows8cols1(kc, a, ap + i * aRowStride, aRowStride, aColStride, b, bp + j, ldb, c,
                            cOff + i * ldc + j, ldc);
                }
                for (; i + 4 <= m; i += 4) {
                    rows4cols1(kc, a, ap + i * aRowStride, aRowStride, aColStride, b, bp + j, ldb, c,
                            cOff + i * ldc + j, ldc);
                }
                for (; i < m; i++) {
                    rows1cols1(kc, a, ap + i * aRowStride, aColStride, b, bp + j, ldb, c, cOff + i * ldc + j);
                }
            }
            if (vectorEnd < n) {
                scalarColumns(m, vectorEnd, n, kc, a, ap, aRowStride, aColStride, b, bp, ldb, c, cOff, ldc);
            }
        }
    }

    /** The main block: eight rows of C by two vectors, sixteen accumulators held in registers over all of k. */
    private static void rows8cols2(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int ldb,
            float[] c, int cij, int ldc) {
        FloatVector s00 = FloatVector.fromArray(S, c, cij);
        FloatVector s01 = FloatVector.fromArray(S, c, cij + LANES);
        FloatVector s10 = FloatVector.fromArray(S, c, cij + 1 * ldc);
        FloatVector s11 = FloatVector.fromArray(S, c, cij + 1 * ldc + LANES);
        FloatVector s20 = FloatVector.fromArray(S, c, cij + 2 * ldc);
        FloatVector s21 = FloatVector.fromArray(S, c, cij + 2 * ldc + LANES);
        FloatVector s30 = FloatVector.fromArray(S, c, cij + 3 * ldc);
        FloatVector s31 = FloatVector.fromArray(S, c, cij + 3 * ldc + LANES);
        FloatVector s40 = FloatVector.fromArray(S, c, cij + 4 * ldc);
        FloatVector s41 = FloatVector.fromArray(S, c, cij + 4 * ldc + LANES);
        FloatVector s50 = FloatVector.fromArray(S, c, cij + 5 * ldc);
        FloatVector s51 = FloatVector.fromArray(S, c, cij + 5 * ldc + LANES);
        FloatVector s60 = FloatVector.fromArray(S, c, cij + 6 * ldc);
        FloatVector s61 = FloatVector.fromArray(S, c, cij + 6 * ldc + LANES);
        FloatVector s70 = FloatVector.fromArray(S, c, cij + 7 * ldc);
        FloatVector s71 = FloatVector.fromArray(S, c, cij + 7 * ldc + LANES);
        for (int p = 0; p < k; p++, ai += acs, bj += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bj);
            FloatVector b1 = FloatVector.fromArray(S, b, bj + LANES);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            x = FloatVector.broadcast(S, a[ai + 1 * ars]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            x = FloatVector.broadcast(S, a[ai + 2 * ars]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            x = FloatVector.broadcast(S, a[ai + 3 * ars]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
            x = FloatVector.broadcast(S, a[ai + 4 * ars]);
            s40 = b0.fma(x, s40);
            s41 = b1.fma(x, s41);
            x = FloatVector.broadcast(S, a[ai + 5 * ars]);
            s50 = b0.fma(x, s50);
            s51 = b1.fma(x, s51);
            x = FloatVector.broadcast(S, a[ai + 6 * ars]);
            s60 = b0.fma(x, s60);
            s61 = b1.fma(x, s61);
            x = FloatVector.broadcast(S, a[ai + 7 * ars]);
            s70 = b0.fma(x, s70);
            s71 = b1.fma(x, s71);
        }
        s00.intoArray(c, cij);
        s01.intoArray(c, cij + LANES);
        s10.intoArray(c, cij + 1 * ldc);
        s11.intoArray(c, cij + 1 * ldc + LANES);
        s20.intoArray(c, cij + 2 * ldc);
        s21.intoArray(c, cij + 2 * ldc + LANES);
        s30.intoArray(c, cij + 3 * ldc);
        s31.intoArray(c, cij + 3 * ldc + LANES);
        s40.intoArray(c, cij + 4 * ldc);
        s41.intoArray(c, cij + 4 * ldc + LANES);
        s50.intoArray(c, cij + 5 * ldc);
        s51.intoArray(c, cij + 5 * ldc + LANES);
        s60.intoArray(c, cij + 6 * ldc);
        s61.intoArray(c, cij + 6 * ldc + LANES);
        s70.intoArray(c, cij + 7 * ldc);
        s71.intoArray(c, cij + 7 * ldc + LANES);
    }

    private static void rows4cols2(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int ldb,
            float[] c, int cij, int ldc) {
        int c1 = cij + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s00 = FloatVector.fromArray(S, c, cij);
        FloatVector s01 = FloatVector.fromArray(S, c, cij + LANES);
        FloatVector s10 = FloatVector.fromArray(S, c, c1);
        FloatVector s11 = FloatVector.fromArray(S, c, c1 + LANES);
        FloatVector s20 = FloatVector.fromArray(S, c, c2);
        FloatVector s21 = FloatVector.fromArray(S, c, c2 + LANES);
        FloatVector s30 = FloatVector.fromArray(S, c, c3);
        FloatVector s31 = FloatVector.fromArray(S, c, c3 + LANES);
        for (int p = 0; p < k; p++, ai += acs, bj += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bj);
            FloatVector b1 = FloatVector.fromArray(S, b, bj + LANES);
            FloatVector a0 = FloatVector.broadcast(S, a[ai]);
            s00 = b0.fma(a0, s00);
            s01 = b1.fma(a0, s01);
            FloatVector a1 = FloatVector.broadcast(S, a[ai + ars]);
            s10 = b0.fma(a1, s10);
            s11 = b1.fma(a1, s11);
            FloatVector a2 = FloatVector.broadcast(S, a[ai + 2 * ars]);
            s20 = b0.fma(a2, s20);
            s21 = b1.fma(a2, s21);
            FloatVector a3 = FloatVector.broadcast(S, a[ai + 3 * ars]);
            s30 = b0.fma(a3, s30);
            s31 = b1.fma(a3, s31);
        }
        s00.intoArray(c, cij);
        s01.intoArray(c, cij + LANES);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + LANES);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + LANES);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + LANES);
    }

    /** Eight rows of C by one vector (a head of 16 floats with AVX-512). */
    private static void rows8cols1(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int ldb,
            float[] c, int cij, int ldc) {
        FloatVector s0 = FloatVector.fromArray(S, c, cij);
        FloatVector s1 = FloatVector.fromArray(S, c, cij + 1 * ldc);
        FloatVector s2 = FloatVector.fromArray(S, c, cij + 2 * ldc);
        FloatVector s3 = FloatVector.fromArray(S, c, cij + 3 * ldc);
        FloatVector s4 = FloatVector.fromArray(S, c, cij + 4 * ldc);
        FloatVector s5 = FloatVector.fromArray(S, c, cij + 5 * ldc);
        FloatVector s6 = FloatVector.fromArray(S, c, cij + 6 * ldc);
        FloatVector s7 = FloatVector.fromArray(S, c, cij + 7 * ldc);
        for (int p = 0; p < k; p++, ai += acs, bj += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bj);
            s0 = b0.fma(FloatVector.broadcast(S, a[ai]), s0);
            s1 = b0.fma(FloatVector.broadcast(S, a[ai + 1 * ars]), s1);
            s2 = b0.fma(FloatVector.broadcast(S, a[ai + 2 * ars]), s2);
            s3 = b0.fma(FloatVector.broadcast(S, a[ai + 3 * ars]), s3);
            s4 = b0.fma(FloatVector.broadcast(S, a[ai + 4 * ars]), s4);
            s5 = b0.fma(FloatVector.broadcast(S, a[ai + 5 * ars]), s5);
            s6 = b0.fma(FloatVector.broadcast(S, a[ai + 6 * ars]), s6);
            s7 = b0.fma(FloatVector.broadcast(S, a[ai + 7 * ars]), s7);
        }
        s0.intoArray(c, cij);
        s1.intoArray(c, cij + 1 * ldc);
        s2.intoArray(c, cij + 2 * ldc);
        s3.intoArray(c, cij + 3 * ldc);
        s4.intoArray(c, cij + 4 * ldc);
        s5.intoArray(c, cij + 5 * ldc);
        s6.intoArray(c, cij + 6 * ldc);
        s7.intoArray(c, cij + 7 * ldc);
    }

    private static void rows4cols1(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int ldb,
            float[] c, int cij, int ldc) {
        int c1 = cij + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector s0 = FloatVector.fromArray(S, c, cij);
        FloatVector s1 = FloatVector.fromArray(S, c, c1);
        FloatVector s2 = FloatVector.fromArray(S, c, c2);
        FloatVector s3 = FloatVector.fromArray(S, c, c3);
        for (int p = 0; p < k; p++, ai += acs, bj += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bj);
            s0 = b0.fma(FloatVector.broadcast(S, a[ai]), s0);
            s1 = b0.fma(FloatVector.broadcast(S, a[ai + ars]), s1);
            s2 = b0.fma(FloatVector.broadcast(S, a[ai + 2 * ars]), s2);
            s3 = b0.fma(FloatVector.broadcast(S, a[ai + 3 * ars]), s3);
        }
        s0.intoArray(c, cij);
        s1.intoArray(c, c1);
        s2.intoArray(c, c2);
        s3.intoArray(c, c3);
    }

    private static void rows1cols2(int k, float[] a, int ai, int acs, float[] b, int bj, int ldb, float[] c,
            int cij) {
        FloatVector s0 = FloatVector.fromArray(S, c, cij);
        FloatVector s1 = FloatVector.fromArray(S, c, cij + LANES);
        for (int p = 0; p < k; p++, ai += acs, bj += ldb) {
            FloatVector av = FloatVector.broadcast(S, a[ai]);
            s0 = FloatVector.fromArray(S, b, bj).fma(av, s0);
            s1 = FloatVector.fromArray(S, b, bj + LANES).fma(av, s1);
        }
        s0.intoArray(c, cij);
        s1.intoArray(c, cij + LANES);
    }

    private static void rows1cols1(int k, float[] a, int ai, int acs, float[] b, int bj, int ldb, float[] c,
            int cij) {
        FloatVector s0 = FloatVector.fromArray(S, c, cij);
        for (int p = 0; p < k; p++, ai += acs, bj += ldb) {
            s0 = FloatVector.fromArray(S, b, bj).fma(FloatVector.broadcast(S, a[ai]), s0);
        }
        s0.intoArray(c, cij);
    }

    /** Columns {@code [from, to)} of {@code C}, fewer than a vector: scalar dot products, four rows at a time. */
    private static void scalarColumns(int m, int from, int to, int k, float[] a, int aOff, int ars, int acs,
            float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * ars;
            for (int j = from; j < to; j++) {
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int p = 0, ai = a0, bj = bOff + j; p < k; p++, ai += acs, bj += ldb) {
                    float bv = b[bj];
                    s0 += a[ai] * bv;
                    s1 += a[ai + ars] * bv;
                    s2 += a[ai + 2 * ars] * bv;
                    s3 += a[ai + 3 * ars] * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] += s0;
                c[ci + ldc] += s1;
                c[ci + 2 * ldc] += s2;
                c[ci + 3 * ldc] += s3;
            }
        }
        for (; i < m; i++) {
            for (int j = from; j < to; j++) {
                float s = 0;
                for (int p = 0, ai = aOff + i * ars, bj = bOff + j; p < k; p++, ai += acs, bj += ldb) {
                    s += a[ai] * b[bj];
                }
                c[cOff + i * ldc + j] += s;
            }
        }
    }

    /**
     * {@code C[m][n] += A[m][k] . B[n][k]^T}: {@code C(i, j)} gains the dot product of row {@code i} of
     * {@code A} with row {@code j} of {@code B}; all three row-major with leading dimensions {@code lda},
     * {@code ldb}, {@code ldc}. {@code C} must not overlap {@code A} or {@code B}.
     */
    public static void gemmNT(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                dot4(k, a, ai, b, bOff + j * ldb, ldb, c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] += Kernels.dot(a, ai, b, bOff + j * ldb, k);
            }
        }
    }

    /** Four dot products of one row of A with four consecutive rows of B, added to {@code c[ci .. ci+4)}. */
    private static void dot4(int k, float[] a, int ai, float[] b, int bj, int ldb, float[] c, int ci) {
        int b1 = bj + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        FloatVector s0 = FloatVector.zero(S);
        FloatVector s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S);
        FloatVector s3 = FloatVector.zero(S);
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += LANES) {
            FloatVector av = FloatVector.fromArray(S, a, ai + p);
            s0 = av.fma(FloatVector.fromArray(S, b, bj + p), s0);
            s1 = av.fma(FloatVector.fromArray(S, b, b1 + p), s1);
            s2 = av.fma(FloatVector.fromArray(S, b, b2 + p), s2);
            s3 = av.fma(FloatVector.fromArray(S, b, b3 + p), s3);
        }
        float t0 = s0.reduceLanes(ADD);
        float t1 = s1.reduceLanes(ADD);
        float t2 = s2.reduceLanes(ADD);
        float t3 = s3.reduceLanes(ADD);
        for (; p < k; p++) {
            float x = a[ai + p];
            t0 += x * b[bj + p];
            t1 += x * b[b1 + p];
            t2 += x * b[b2 + p];
            t3 += x * b[b3 + p];
        }
        c[ci] += t0;
        c[ci + 1] += t1;
        c[ci + 2] += t2;
        c[ci + 3] += t3;
    }

    /**
     * Writes the transpose of the {@code rows x cols} matrix at {@code src} (leading dimension {@code lds})
     * into {@code dst} ({@code cols x rows}, leading dimension {@code ldd}), each element times
     * {@code scale}.
     */
    public static void transpose(int rows, int cols, float scale, float[] src, int srcOff, int lds, float[] dst,
            int dstOff, int ldd) {
        for (int col = 0; col < cols; col++) {
            int d = dstOff + col * ldd;
            for (int r = 0, s = srcOff + col; r < rows; r++, s += lds) {
                dst[d + r] = scale * src[s];
            }
        }
    }
}
