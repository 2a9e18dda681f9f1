package org.optsearch.exec;

import static jdk.incubator.vector.VectorOperators.D2F;
import static jdk.incubator.vector.VectorOperators.D2L;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;
import static jdk.incubator.vector.VectorOperators.SQRT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The language's transcendental functions for the optimizer executor, deterministic and nearly
 * correctly rounded: each float vector is widened to two double vectors, the function is evaluated
 * in double with only exactly defined operations (+ - * /, fma, sqrt, compares, blends, bit
 * operations: the same bits interpreted or compiled, unlike the Vector API's {@code lanewise(LOG)}
 * and the like, see {@link VectorMath}), and the result is rounded back to float. Errors are about
 * 1e-14 relative before that rounding, so results match the reference interpreter (which computes in
 * double with {@code Math} and rounds) except at rare rounding ties.
 */
final class PreciseMath {
    private static final VectorSpecies<Double> D = VectorOps.SUM_SPECIES;
    private static final VectorSpecies<Float> F = VectorOps.SPECIES;
    /** The lanes of a float vector that come from its upper double half. */
    private static final VectorMask<Float> UPPER = FloatVector.zero(F).addIndex(1).compare(GE, F.length() / 2);
    private static final double LN2_HI = 0.6931471803691238; // 33 significant bits: n * LN2_HI is exact
    private static final double LN2_LO = Math.log(2) - LN2_HI;
    private static final double LN2 = Math.log(2);
    private static final double LOG2E = 1 / Math.log(2);
    private static final double LN10 = Math.log(10);
    private static final double ROUNDER = 6755399441055744.0; // 1.5 * 2^52: adding and subtracting rounds
    private static final double PIO2_HI = 1.5707963267341256; // 33 significant bits: k * PIO2_HI is exact
    private static final double PIO2_LO = Math.PI / 2 - PIO2_HI;
    private static final double TAN_PI_8 = Math.tan(Math.PI / 8);
    private static final double SQRT2 = Math.sqrt(2);

    private PreciseMath() {
    }

    private static DoubleVector lower(FloatVector x) {
        return (DoubleVector) x.convertShape(F2D, D, 0);
    }

    private static DoubleVector upper(FloatVector x) {
        return (DoubleVector) x.convertShape(F2D, D, 1);
    }

    private static FloatVector join(DoubleVector lo, DoubleVector hi) {
        FloatVector a = (FloatVector) lo.convertShape(D2F, F, 0);
        FloatVector b = (FloatVector) hi.convertShape(D2F, F, -1);
        return a.blend(b, UPPER);
    }

    static FloatVector exp(FloatVector x) {
        return join(exp(lower(x)), exp(upper(x)));
    }

    static FloatVector exp2(FloatVector x) {
        return join(exp(lower(x).mul(LN2)), exp(upper(x).mul(LN2)));
    }

    static FloatVector exp10(FloatVector x) {
        return join(exp(lower(x).mul(LN10)), exp(upper(x).mul(LN10)));
    }

    static FloatVector expm1(FloatVector x) {
        return join(expm1(lower(x)), expm1(upper(x)));
    }

    static FloatVector log(FloatVector x) {
        return join(log(lower(x)), log(upper(x)));
    }

    static FloatVector log1p(FloatVector x) {
        return join(log1p(lower(x)), log1p(upper(x)));
    }

    static FloatVector log2(FloatVector x) {
        return join(log(lower(x)).mul(LOG2E), log(upper(x)).mul(LOG2E));
    }

    static FloatVector log10(FloatVector x) {
        return join(log(lower(x)).div(LN10), log(upper(x)).div(LN10));
    }

    static FloatVector sinh(FloatVector x) {
        return join(sinh(lower(x)), sinh(upper(x)));
    }

    static FloatVector cosh(FloatVector x) {
        return join(cosh(lower(x)), cosh(upper(x)));
    }

    static FloatVector tanh(FloatVector x) {
        return join(tanh(lower(x)), tanh(upper(x)));
    }

    static FloatVector sin(FloatVector x) {
        return join(trig(lower(x), 0), trig(upper(x), 0));
    }

    static FloatVector cos(FloatVector x) {
        return join(trig(lower(x), 1), trig(upper(x), 1));
    }

    static FloatVector tan(FloatVector x) {
        return join(trig(lower(x), 2), trig(upper(x), 2));
    }

    static FloatVector arctan(FloatVector x) {
        return join(atan(lower(x)), atan(upper(x)));
    }

    static FloatVector arcsin(FloatVector x) {
        return join(asin(lower(x)), asin(upper(x)));
    }

    static FloatVector arccos(FloatVector x) {
        return join(acos(lower(x)), acos(upper(x)));
    }

    static FloatVector cbrt(FloatVector x) {
        return join(cbrt(lower(x)), cbrt(upper(x)));
    }

    static FloatVector power(FloatVector x, FloatVector y) {
        return join(pow(lower(x), lower(y)), pow(upper(x), upper(y)));
    }

    /** e^x: x = n ln2 + r with |r| <= ln2/2, the Taylor series of e^r to r^12, times 2^n. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector c = x.max(-200).min(200); // far beyond the float range either way
        DoubleVector n = c.fma(c.broadcast(LOG2E), c.broadcast(ROUNDER)).sub(ROUNDER);
        DoubleVector r = n.fma(c.broadcast(-LN2_HI), c);
        r = n.fma(c.broadcast(-LN2_LO), r);
        DoubleVector p = r.broadcast(1.0 / 479001600);
        for (long f : new long[] {39916800, 3628800, 362880, 40320, 5040, 720, 120, 24, 6, 2, 1, 1}) {
            p = p.fma(r, r.broadcast(1.0 / f));
        }
        LongVector bits = ((LongVector) n.convert(D2L, 0)).add(1023).lanewise(LSHL, 52);
        DoubleVector result = p.mul(bits.reinterpretAsDoubles());
        return result.blend(x, x.test(IS_NAN));
    }

    /** e^x - 1: the series below |x| = 1e-3, where e^x - 1 would cancel. */
    private static DoubleVector expm1(DoubleVector x) {
        DoubleVector series = x.fma(x.broadcast(1.0 / 120), x.broadcast(1.0 / 24)).fma(x, x.broadcast(1.0 / 6))
                .fma(x, x.broadcast(0.5)).mul(x).fma(x, x);
        return exp(x).sub(1).blend(series, x.abs().compare(LT, 1e-3));
    }

    /**
     * log x for x >= 0 (every float is a normal double): x = 2^e m with m in [sqrt(1/2), sqrt(2)), and
     * log m = 2 atanh(s), s = (m - 1)/(m + 1), |s| <= 0.172, by its series to s^17.
     */
    static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        LongVector e = bits.lanewise(LSHR, 52).and(0x7ff).sub(1023);
        DoubleVector m = bits.and(0xfffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles();
        VectorMask<Double> high = m.compare(GT, SQRT2);
        m = m.blend(m.mul(0.5), high);
        DoubleVector ed = ((DoubleVector) e.convert(jdk.incubator.vector.VectorOperators.L2D, 0))
                .add(x.broadcast(0).blend(1, high));
        DoubleVector s = m.sub(1).div(m.add(1));
        DoubleVector s2 = s.mul(s);
        DoubleVector series = s2.broadcast(2.0 / 17);
        for (int k = 15; k >= 1; k -= 2) {
            series = series.fma(s2, s2.broadcast(2.0 / k));
        }
        DoubleVector result = ed.fma(x.broadcast(LN2_LO), series.mul(s)).add(ed.mul(LN2_HI));
        result = result.blend(Double.NEGATIVE_INFINITY, x.compare(EQ, 0));
        result = result.blend(Double.POSITIVE_INFINITY, x.compare(EQ, Double.POSITIVE_INFINITY));
        return result.blend(Double.NaN, x.compare(LT, 0).or(x.test(IS_NAN)));
    }

    /** log(1 + x), x >= -1: log u corrected by the rounding of u = 1 + x. */
    private static DoubleVector log1p(DoubleVector x) {
        DoubleVector u = x.add(1);
        DoubleVector corrected = log(u).sub(u.sub(1).sub(x).div(u));
        VectorMask<Double> plain = u.compare(EQ, 0).or(u.compare(EQ, Double.POSITIVE_INFINITY));
        return corrected.blend(x, u.compare(EQ, 1)).blend(log(u), plain);
    }

    private static DoubleVector cosh(DoubleVector x) {
        DoubleVector e = exp(x.abs());
        return e.add(x.broadcast(1).div(e)).mul(0.5);
    }

    /** sinh x: its series below |x| = 0.5 (no cancellation), else (e^|x| - e^-|x|) / 2. */
    private static DoubleVector sinh(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector e = exp(a);
        DoubleVector large = e.sub(x.broadcast(1).div(e)).mul(0.5);
        DoubleVector a2 = a.mul(a);
        DoubleVector small = a2.broadcast(1.0 / 1307674368000L);
        for (long f : new long[] {6227020800L, 39916800, 362880, 5040, 120, 6}) {
            small = small.fma(a2, a2.broadcast(1.0 / f));
        }
        small = small.mul(a2).fma(a, a);
        DoubleVector r = large.blend(small, a.compare(LT, 0.5));
        return r.blend(r.neg(), x.compare(LT, 0));
    }

    /** tanh x = 1 - 2 / (e^2|x| + 1); x itself below |x| = 1e-9, where that would cancel. */
    private static DoubleVector tanh(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector t = a.broadcast(1).sub(a.broadcast(2).div(exp(a.add(a)).add(1)));
        DoubleVector small = a.mul(a).mul(a).mul(-1.0 / 3).add(a);
        t = t.blend(small, a.compare(LT, 1e-4));
        return t.blend(t.neg(), x.compare(LT, 0)).blend(x, x.test(IS_NAN));
    }

    /**
     * sin, cos or tan ({@code kind} 0, 1, 2): x = k pi/2 + r with pi/2 in two parts (exact for
     * |k| < 2^20), the sine and cosine series of r, put together by quadrant. Beyond |x| = 10^6 the
     * vector goes lane by lane through {@code Math} (the same interpreted or compiled).
     */
    private static DoubleVector trig(DoubleVector x, int kind) {
        if (x.abs().compare(GT, 1e6).anyTrue()) {
            double[] a = x.toArray();
            for (int i = 0; i < a.length; i++) {
                a[i] = kind == 0 ? Math.sin(a[i]) : kind == 1 ? Math.cos(a[i]) : Math.tan(a[i]);
            }
            return DoubleVector.fromArray(D, a, 0);
        }
        DoubleVector k = x.fma(x.broadcast(2 / Math.PI), x.broadcast(ROUNDER)).sub(ROUNDER);
        DoubleVector r = k.fma(x.broadcast(-PIO2_HI), x);
        r = k.fma(x.broadcast(-PIO2_LO), r);
        DoubleVector r2 = r.mul(r);
        DoubleVector sin = r2.broadcast(-1.0 / 1307674368000L);
        for (long f : new long[] {6227020800L, -39916800, 362880, -5040, 120, -6}) {
            sin = sin.fma(r2, r2.broadcast(1.0 / f));
        }
        sin = sin.mul(r2).fma(r, r);
        DoubleVector cos = r2.broadcast(1.0 / 20922789888000L);
        for (long f : new long[] {-87178291200L, 479001600, -3628800, 40320, -720, 24, -2, 1}) {
            cos = cos.fma(r2, r2.broadcast(1.0 / f));
        }
        LongVector quadrant = ((LongVector) k.convert(D2L, 0)).and(3);
        VectorMask<Double> odd = quadrant.and(1).compare(NE, 0).cast(D);
        if (kind == 2) {
            return sin.div(cos).blend(cos.neg().div(sin), odd);
        }
        LongVector q = quadrant.add(kind).and(3);
        DoubleVector v = sin.blend(cos, q.and(1).compare(NE, 0).cast(D));
        return v.blend(v.neg(), q.and(2).compare(NE, 0).cast(D));
    }

    /**
     * arctan x: 1/|x| above 1 (pi/2 - atan), then (a - 1)/(a + 1) above tan(pi/8) (pi/4 + atan), so
     * |t| <= 0.4142, and the series of atan t to t^41.
     */
    private static DoubleVector atan(DoubleVector x) {
        DoubleVector a = x.abs();
        VectorMask<Double> inverted = a.compare(GT, 1);
        DoubleVector b = a.blend(x.broadcast(1).div(a), inverted);
        VectorMask<Double> shifted = b.compare(GT, TAN_PI_8);
        DoubleVector t = b.blend(b.sub(1).div(b.add(1)), shifted);
        DoubleVector t2 = t.mul(t);
        DoubleVector series = t2.broadcast(1.0 / 41);
        for (int k = 39; k >= 1; k -= 2) {
            series = series.fma(t2, t2.broadcast((k % 4 == 1 ? 1.0 : -1.0) / k));
        }
        DoubleVector r = series.mul(t);
        r = r.blend(r.add(Math.PI / 4), shifted);
        r = r.blend(x.broadcast(Math.PI / 2).sub(r), inverted);
        return r.blend(r.neg(), x.compare(LT, 0));
    }

    /** arcsin x = atan(x / sqrt((1 - x)(1 + x))); NaN outside [-1, 1]. */
    private static DoubleVector asin(DoubleVector x) {
        return atan(x.div(x.neg().add(1).mul(x.add(1)).lanewise(SQRT)));
    }

    /** arccos x = 2 atan(sqrt((1 - x) / (1 + x))); NaN outside [-1, 1]. */
    private static DoubleVector acos(DoubleVector x) {
        return atan(x.neg().add(1).div(x.add(1)).lanewise(SQRT)).mul(2);
    }

    /** The real cube root: Newton's method from a guess by the exponent bits (every float is a normal double). */
    private static DoubleVector cbrt(DoubleVector x) {
        DoubleVector a = x.abs();
        DoubleVector y = a.reinterpretAsLongs().div(3).add(0x2A9F7893782DA1CEL).reinterpretAsDoubles();
        for (int i = 0; i < 6; i++) {
            y = y.sub(y.mul(y).mul(y).sub(a).div(y.mul(y).mul(3)));
        }
        y = y.blend(a, a.compare(EQ, 0).or(a.compare(EQ, Double.POSITIVE_INFINITY)).or(a.test(IS_NAN)));
        return y.blend(y.neg(), x.compare(LT, 0));
    }

    /**
     * {@code Math.pow}'s meaning: |x|^y = e^(y log|x|), negative for a negative x and an odd integer y,
     * NaN for a finite negative x and a non-integer y; y = 0 gives 1 (even for NaN), a NaN y gives NaN, and
     * |x| = 1 with an infinite y gives NaN.
     */
    private static DoubleVector pow(DoubleVector x, DoubleVector y) {
        DoubleVector magnitude = exp(y.mul(log(x.abs())));
        DoubleVector rounded = y.add(ROUNDER).sub(ROUNDER);
        VectorMask<Double> big = y.abs().compare(GE, 4503599627370496.0); // 2^52: every such double is even
        VectorMask<Double> integer = rounded.compare(EQ, y).or(big);
        DoubleVector half = y.mul(0.5);
        VectorMask<Double> odd = integer.and(half.add(ROUNDER).sub(ROUNDER).compare(NE, half)).andNot(big);
        VectorMask<Double> negative = x.compare(LT, 0).or(x.compare(EQ, 0).and(
                x.reinterpretAsLongs().compare(LT, 0).cast(D)));
        DoubleVector r = magnitude.blend(magnitude.neg(), negative.and(odd));
        VectorMask<Double> finiteNegative = x.compare(LT, 0).and(x.compare(NE, Double.NEGATIVE_INFINITY));
        r = r.blend(Double.NaN, finiteNegative.andNot(integer).and(y.abs().compare(NE, Double.POSITIVE_INFINITY)));
        r = r.blend(Double.NaN, x.abs().compare(EQ, 1).and(y.abs().compare(EQ, Double.POSITIVE_INFINITY)));
        r = r.blend(Double.NaN, y.test(IS_NAN).or(x.test(IS_NAN)));
        return r.blend(1, y.compare(EQ, 0));
    }
}
