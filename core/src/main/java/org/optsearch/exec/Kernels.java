package org.optsearch.exec;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.optsearch.lang.Op;

/**
 * The vector loops of the fused executor: the block-wide sums, copies and writes here; one loop per
 * elementwise function in {@link ElementwiseKernels}.
 */
final class Kernels {
    static final VectorSpecies<Float> SPECIES = VectorOps.SPECIES;
    static final int LANES = SPECIES.length();

    private Kernels() {
    }

    /** An elementwise function over one block; unused operands are ignored. */
    interface Elementwise {
        void apply(float[] x, int xo, float[] y, int yo, float[] z, int zo, float[] out, int len);
    }

    static Elementwise of(Op op) {
        return ElementwiseKernels.of(op);
    }

    /** Sum of x[i]*y[i] over the block, in double lanes as in the compiled loops. */
    static double dot(float[] x, int xo, float[] y, int yo, int len) {
        DoubleVector acc = VectorOps.zeroSum();
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += LANES) {
            acc = VectorOps.accumulate(acc, FloatVector.fromArray(SPECIES, x, xo + i), FloatVector.fromArray(SPECIES, y, yo + i));
        }
        double sum = VectorOps.sumLanes(acc);
        for (; i < len; i++) {
            sum += (double) x[xo + i] * y[yo + i];
        }
        return sum;
    }

    static void copy(float[] src, int so, float[] dst, int dso, int len) {
        System.arraycopy(src, so, dst, dso, len);
    }

    /**
     * {@code w -= u} over the block; returns a value that is NaN when any new weight is not finite
     * (the sum of {@code w * 0}), and 0 otherwise.
     */
    static double subtractInto(float[] w, int wo, float[] u, int uo, int len) {
        FloatVector check = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += LANES) {
            FloatVector next = FloatVector.fromArray(SPECIES, w, wo + i).sub(FloatVector.fromArray(SPECIES, u, uo + i));
            next.intoArray(w, wo + i);
            check = check.add(next.mul(0f));
        }
        float tail = 0;
        for (; i < len; i++) {
            w[wo + i] -= u[uo + i];
            tail += w[wo + i] * 0f;
        }
        return check.reduceLanes(VectorOperators.ADD) + tail;
    }

    /** Copies the block and returns NaN when any copied value is not finite, 0 otherwise. */
    static double copyChecked(float[] src, int so, float[] dst, int dso, int len) {
        FloatVector check = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(len); i < bound; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, src, so + i);
            v.intoArray(dst, dso + i);
            check = check.add(v.mul(0f));
        }
        float tail = 0;
        for (; i < len; i++) {
            dst[dso + i] = src[so + i];
            tail += src[so + i] * 0f;
        }
        return check.reduceLanes(VectorOperators.ADD) + tail;
    }
}
