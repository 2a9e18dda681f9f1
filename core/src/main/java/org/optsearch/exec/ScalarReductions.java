package org.optsearch.exec;

import org.optsearch.lang.Op;

/**
 * The whole-set functions applied to scalars only (no array involved): {@code norm} and
 * {@code global_norm} of a number are its absolute value, {@code dot} of two numbers their product.
 * Both executors use these, so they agree exactly.
 */
public final class ScalarReductions {
    private ScalarReductions() {
    }

    /** A whole-set function of scalars only, as both executors compute it. */
    public static float apply(Op op, float x, float y) {
        return switch (op) {
            case NORM, GLOBAL_NORM, RMS -> Math.abs(x);
            case MEAN -> x;
            case SHAPE_FACTOR -> 1f;
            case ORTHOGONALIZE -> NewtonSchulz.ofScalar(x);
            case DOT -> (float) ((double) x * y);
            case COSINE_SIM -> (float) Semantics.cosine((double) x * y, Math.abs(x), Math.abs(y));
            case CLIP_BY_GLOBAL_NORM -> x * (float) Semantics.clipFactor(Math.abs(x), y);
            default -> throw new IllegalArgumentException(op + " is not a reduction");
        };
    }
}
