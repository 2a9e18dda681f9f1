package org.optsearch.exec;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;

/**
 * Transcendental functions on float vectors that give the same bits however the JVM runs them.
 *
 * <p>Why: the Vector API's {@code lanewise(EXP)}, {@code TANH}, {@code LOG} and the like are computed by
 * one library when the JIT has compiled the caller (Intel's SVML on x86) and by {@code Math} when it has
 * not, and the two differ in the last bits. Which one runs depends on when the JIT gets to the code, so
 * a training with the same seed gave slightly different losses from one run of the JVM to the next
 * (measured: the first-step loss of digits-mlp differed in the 9th digit). Here {@link #exp} and
 * {@link #tanh} use only additions, multiplications, fused multiply-adds, comparisons and bit
 * operations, which IEEE 754 and the Vector API define exactly. (The optimizer executor's other
 * transcendental functions go lane by lane through {@link Semantics}: see {@link VectorOps}.)
 */
public final class VectorMath {
    private static final float LOG2E = (float) (1 / Math.log(2));
    /** ln 2 split in two, so that {@code x - n ln2} is exact for the n that occur. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = (float) (Math.log(2) - 0.693359375);
    /** Adding then subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer. */
    private static final float ROUNDER = 12582912f;
    /** Below this exp underflows to 0 (its value, 2^-150, is under half the smallest denormal). */
    private static final float EXP_MIN = -104f;
    /** Above this exp overflows to infinity. */
    private static final float EXP_MAX = 89f;
    /** Under this magnitude tanh is its Taylor series (1 - 2/(e^2x + 1) would cancel). */
    private static final float TANH_SERIES = 0.125f;

    private VectorMath() {
    }

    /**
     * e^x, within about 2 units in the last place of {@code (float) Math.exp(x)}; 0 below -104 and for
     * -inf, +inf above 89, NaN for NaN.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(EXP_MIN).min(EXP_MAX);
        // t = x log2(e) + 1.5 * 2^23: its low mantissa bits are n = round(x log2 e), its value minus the
        // rounder is n as a float. (Scalar-argument fma and convert(F2I) were measured 6x slower.)
        FloatVector t = clamped.fma(clamped.broadcast(LOG2E), clamped.broadcast(ROUNDER));
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(n.broadcast(-LN2_HI), clamped);
        r = n.fma(n.broadcast(-LN2_LO), r);
        IntVector ni = t.reinterpretAsInts().sub(Float.floatToIntBits(ROUNDER));
        IntVector half = ni.lanewise(ASHR, 1);
        FloatVector scaled = expSmall(r).mul(powerOfTwo(half)).mul(powerOfTwo(ni.sub(half)));
        return scaled.blend(0f, x.compare(LT, EXP_MIN));
    }

    /** e^r for |r| <= ln2/2, by its Taylor series to r^7 (the next term is below 1e-8). */
    private static FloatVector expSmall(FloatVector r) {
        FloatVector p = r.fma(r.broadcast(1f / 5040), r.broadcast(1f / 720));
        p = p.fma(r, r.broadcast(1f / 120));
        p = p.fma(r, r.broadcast(1f / 24));
        p = p.fma(r, r.broadcast(1f / 6));
        p = p.fma(r, r.broadcast(0.5f));
        p = p.fma(r, r.broadcast(1f));
        return p.fma(r, r.broadcast(1f));
    }


    /** {@code 2^k} for integer lanes {@code k} in -126..127, built from its exponent bits. */
    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
    }

    /** tanh x, within a few units in the last place; NaN for NaN. */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector one = x.broadcast(1f);
        FloatVector large = one.sub(x.broadcast(2f).div(exp(a.add(a)).add(one))); // 1 - 2 / (e^2|x| + 1)
        FloatVector a2 = a.mul(a);
        // a - a^3/3 + 2a^5/15 - 17a^7/315; the next term is below 2e-10 of tanh here
        FloatVector series = a2.fma(a2.broadcast(-17f / 315), a2.broadcast(2f / 15)).fma(a2, a2.broadcast(-1f / 3))
                .mul(a2).fma(a, a);
        FloatVector t = large.blend(series, a.compare(LT, TANH_SERIES));
        return t.blend(t.neg(), x.compare(LT, 0f));
    }
}
