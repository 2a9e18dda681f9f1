package org.optsearch.train.nn;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.MAX;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.optsearch.exec.VectorMath;

/**
 * Vectorized loops over contiguous runs of floats that the layers share: {@code y += a x}, sums, dot
 * products, a numerically stable softmax. Every method reads {@code n} floats from each offset; none
 * allocates. Each loop names its operation itself, so the JIT compiles it to SIMD code.
 */
public final class Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private Kernels() {
    }

    /** {@code y[yOff + i] += a * x[xOff + i]}. */
    public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).fma(av, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /** {@code y[yOff + i] += x[xOff + i]}. */
    public static void add(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).add(FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    /** {@code x[off + i] *= a}. */
    public static void scale(float a, float[] x, int off, int n) {
        FloatVector av = FloatVector.broadcast(S, a);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, off + i).mul(av).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] *= a;
        }
    }

    /** The sum of {@code x[off .. off + n)}. */
    public static float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, x, off + i));
        }
        float s = acc.reduceLanes(ADD);
        for (; i < n; i++) {
            s += x[off + i];
        }
        return s;
    }

    /** The dot product of {@code x[xOff .. xOff + n)} and {@code y[yOff .. yOff + n)}. */
    public static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            acc = FloatVector.fromArray(S, x, xOff + i).fma(FloatVector.fromArray(S, y, yOff + i), acc);
        }
        float s = acc.reduceLanes(ADD);
        for (; i < n; i++) {
            s += x[xOff + i] * y[yOff + i];
        }
        return s;
    }

    /** The largest of {@code x[off .. off + n)}, {@code n >= 1}. */
    public static float max(float[] x, int off, int n) {
        float m = x[off];
        int i = 0;
        int bound = S.loopBound(n);
        if (bound > 0) {
            FloatVector acc = FloatVector.fromArray(S, x, off);
            for (i = S.length(); i < bound; i += S.length()) {
                acc = acc.max(FloatVector.fromArray(S, x, off + i));
            }
            m = Math.max(m, acc.reduceLanes(MAX));
        }
        for (; i < n; i++) {
            m = Math.max(m, x[off + i]);
        }
        return m;
    }

    /** {@code y[yOff + i] = x[xOff + i] + c}; {@code y} may be {@code x}. */
    public static void addScalar(float[] x, int xOff, float c, float[] y, int yOff, int n) {
        FloatVector cv = FloatVector.broadcast(S, c);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, x, xOff + i).add(cv).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = x[xOff + i] + c;
        }
    }

    /**
     * {@code x[off + i] = exp(x[off + i])} in place; {@code -inf} gives 0. Callers with many short rows
     * (ten classes, a causal row of attention) shift each row, then call this once over the whole block, so
     * that almost every exponential is a vector one.
     */
    public static void exp(float[] x, int off, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            VectorMath.exp(FloatVector.fromArray(S, x, off + i)).intoArray(x, off + i);
        }
        for (; i < n; i++) {
            x[off + i] = (float) Math.exp(x[off + i]);
        }
    }

    /**
     * {@code p = softmax(x)} over one row of {@code n >= 1} floats, shifted by the maximum so no exponential
     * overflows; {@code p} may be {@code x}. Returns the log of the normalizer, {@code log sum exp x}, so
     * {@code log p[i] = x[i] - returned value}.
     */
    public static double softmax(float[] x, int xOff, float[] p, int pOff, int n) {
        float max = max(x, xOff, n);
        addScalar(x, xOff, -max, p, pOff, n);
        exp(p, pOff, n);
        float sum = sum(p, pOff, n);
        scale(1 / sum, p, pOff, n);
        return max + Math.log(sum);
    }
}
