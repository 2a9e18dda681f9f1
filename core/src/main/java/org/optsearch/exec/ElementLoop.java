package org.optsearch.exec;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandles;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Template of the block loop for a function of up to three arguments; never loaded under its own name. Each
 * use is a hidden class (see {@link ElementwiseKernels}) whose class data, the function, becomes the
 * constant {@link #F}, so the JIT compiles every function's loop to SIMD code of its own.
 */
final class ElementLoop implements Kernels.Elementwise {
    private static final VectorSpecies<Float> S = VectorOps.SPECIES;
    private static final ElementwiseKernels.Ternary F = classData();

    private static ElementwiseKernels.Ternary classData() {
        try {
            return MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, ElementwiseKernels.Ternary.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public void apply(float[] x, int xo, float[] y, int yo, float[] z, int zo, float[] out, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            F.apply(FloatVector.fromArray(S, x, xo + i), FloatVector.fromArray(S, y, yo + i),
                    FloatVector.fromArray(S, z, zo + i)).intoArray(out, i);
        }
        for (; i < len; i++) {
            out[i] = F.apply(FloatVector.broadcast(S, x[xo + i]), FloatVector.broadcast(S, y[yo + i]),
                    FloatVector.broadcast(S, z[zo + i])).lane(0);
        }
    }
}
