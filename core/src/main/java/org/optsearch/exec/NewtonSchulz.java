package org.optsearch.exec;

/**
 * {@code orthogonalize}: Muon's quintic Newton-Schulz iteration, in float32 on {@link Gemm}. For a
 * {@code rows x cols} matrix G: {@code X = G / (||G||_F + 1e-7)}, transposed when {@code rows > cols}; then
 * five times {@code A = X X^T; B = b A + c A A; X = a X + B X} with {@code (a, b, c) = (3.4445, -4.7750,
 * 2.0315)}; transposed back. The singular values of the result lie near 1 (about 0.7 to 1.2), the
 * singular vectors are G's. A tensor that is not a matrix is one row: its result is its direction times
 * the iteration's factor for a single singular value.
 *
 * <p>Holds scratch buffers sized for the largest matrix seen: one instance per executor, not thread-safe.
 */
public final class NewtonSchulz {
    public static final double A = 3.4445;
    public static final double B = -4.7750;
    public static final double C = 2.0315;
    public static final int ITERATIONS = 5;
    public static final double EPS = 1e-7;

    private float[] x = new float[0];
    private float[] xt = new float[0];
    private float[] next = new float[0];
    private float[] gram = new float[0];
    private float[] gram2 = new float[0];

    /** Writes the orthogonalization of the {@code rows x cols} row-major matrix at {@code src[from]} to {@code dst[to]}. */
    public void apply(float[] src, int from, int rows, int cols, float[] dst, int to) {
        boolean tall = rows > cols;
        int m = tall ? cols : rows;
        int n = tall ? rows : cols;
        int size = m * n;
        ensure(size, m * m);
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += (double) src[from + i] * src[from + i];
        }
        float scale = (float) (1 / (Math.sqrt(sum) + EPS));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = src[from + r * cols + c] * scale;
                x[tall ? c * n + r : r * n + c] = v;
            }
        }
        for (int it = 0; it < ITERATIONS; it++) {
            transpose(x, m, n, xt);
            java.util.Arrays.fill(gram, 0, m * m, 0f);
            Gemm.multiplyAdd(m, m, n, x, 0, n, xt, 0, m, gram, 0, m);
            java.util.Arrays.fill(gram2, 0, m * m, 0f);
            Gemm.multiplyAdd(m, m, m, gram, 0, m, gram, 0, m, gram2, 0, m);
            for (int i = 0; i < m * m; i++) {
                gram2[i] = (float) B * gram[i] + (float) C * gram2[i];
            }
            for (int i = 0; i < size; i++) {
                next[i] = (float) A * x[i];
            }
            Gemm.multiplyAdd(m, n, m, gram2, 0, m, x, 0, n, next, 0, n);
            float[] t = x;
            x = next;
            next = t;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[to + r * cols + c] = x[tall ? c * n + r : r * n + c];
            }
        }
    }

    /** The floating-point operations of one {@link #apply} on a {@code rows x cols} matrix: the three products. */
    public static double flops(int rows, int cols) {
        double m = Math.min(rows, cols);
        double n = Math.max(rows, cols);
        return ITERATIONS * (2 * m * m * n + 2 * m * m * m + 2 * m * m * n);
    }

    /** {@code orthogonalize} of a scalar: the iteration on a 1 x 1 matrix, sign(x) times its factor. */
    public static float ofScalar(float value) {
        double s = Math.abs((double) value) / (Math.abs((double) value) + EPS);
        for (int it = 0; it < ITERATIONS; it++) {
            s = A * s + B * s * s * s + C * s * s * s * s * s;
        }
        return (float) (Math.signum(value) * s);
    }

    private void ensure(int size, int square) {
        if (x.length < size) {
            x = new float[size];
            xt = new float[size];
            next = new float[size];
        }
        if (gram.length < square) {
            gram = new float[square];
            gram2 = new float[square];
        }
    }

    private static void transpose(float[] in, int m, int n, float[] out) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[j * m + i] = in[i * n + j];
            }
        }
    }
}
