package org.optsearch.exec;

import static jdk.incubator.vector.VectorOperators.ACOS;
import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.ASIN;
import static jdk.incubator.vector.VectorOperators.ATAN;
import static jdk.incubator.vector.VectorOperators.CBRT;
import static jdk.incubator.vector.VectorOperators.COS;
import static jdk.incubator.vector.VectorOperators.COSH;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.EXPM1;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LOG;
import static jdk.incubator.vector.VectorOperators.LOG10;
import static jdk.incubator.vector.VectorOperators.LOG1P;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.POW;
import static jdk.incubator.vector.VectorOperators.SIN;
import static jdk.incubator.vector.VectorOperators.SINH;
import static jdk.incubator.vector.VectorOperators.TAN;

import java.util.Locale;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.optsearch.lang.Op;

/**
 * Every elementwise function of the language on float vectors of any width, one static method each,
 * named after the function ({@link #methodName(Op)}). Both fused tiers call these: the block
 * interpreter through method references, the compiled loops through {@code invokestatic}; the methods
 * are tiny so the JIT inlines them into the loop. The semantics follow {@link Semantics}.
 *
 * <p>Determinism: + - * /, sqrt, min, max, abs, fma, compares and blends are exactly defined, and
 * {@code exp} and {@code tanh} come from {@link VectorMath}, so they give the same bits whether the JVM
 * interprets or has compiled the code. The other transcendental functions use the Vector API's
 * {@code lanewise} operators (SVML once compiled, {@code Math} before), which can differ in the last
 * bits between the two. Computing those lane by lane through {@link Semantics} instead was measured
 * 36x slower on {@code programs/lion_raw.opt} (arcsin: 1.55 s instead of 43 ms per step on 10^7 floats),
 * so they stay fast until {@link VectorMath} has deterministic versions of them.
 */
public final class VectorOps {
    /** Beyond this magnitude x*x overflows a float; arcsinh and arccosh switch to log(2|x|). */
    private static final float HUGE = 1e18f;
    private static final float LN2 = (float) Math.log(2);
    private static final float INV_LN2 = (float) (1 / Math.log(2));
    private static final float GUARD = (float) Semantics.DIVISION_GUARD;

    /**
     * The one vector width used everywhere: the machine's widest. Mixing widths in one JVM was measured
     * to ruin performance (the JIT's type profiles inside these shared methods see two vector classes and
     * stop compiling them to SIMD code), and at 256 bits on x86 several transcendental functions lose
     * their SIMD implementation.
     */
    public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorOps() {
    }

    /** The name of the method that implements {@code op}: {@code GET_PI} has none, {@code ARCSIN} is "arcsin". */
    static String methodName(Op op) {
        return op.name().toLowerCase(Locale.ROOT);
    }

    public static FloatVector add(FloatVector x, FloatVector y) {
        return x.add(y);
    }

    public static FloatVector sub(FloatVector x, FloatVector y) {
        return x.sub(y);
    }

    public static FloatVector mul(FloatVector x, FloatVector y) {
        return x.mul(y);
    }

    public static FloatVector div(FloatVector x, FloatVector y) {
        return x.div(guard(y));
    }

    public static FloatVector max(FloatVector x, FloatVector y) {
        return x.max(y);
    }

    public static FloatVector min(FloatVector x, FloatVector y) {
        return x.min(y);
    }

    public static FloatVector abs(FloatVector x) {
        return x.abs();
    }

    public static FloatVector cos(FloatVector x) {
        return x.lanewise(COS);
    }

    public static FloatVector sin(FloatVector x) {
        return x.lanewise(SIN);
    }

    public static FloatVector tan(FloatVector x) {
        return x.lanewise(TAN);
    }

    public static FloatVector arcsin(FloatVector x) {
        return x.lanewise(ASIN);
    }

    public static FloatVector arccos(FloatVector x) {
        return x.lanewise(ACOS);
    }

    public static FloatVector arctan(FloatVector x) {
        return x.lanewise(ATAN);
    }

    public static FloatVector sinh(FloatVector x) {
        return x.lanewise(SINH);
    }

    public static FloatVector cosh(FloatVector x) {
        return x.lanewise(COSH);
    }

    /** Deterministic (see {@link VectorMath}): the same bits interpreted or compiled. */
    public static FloatVector tanh(FloatVector x) {
        return VectorMath.tanh(x);
    }

    /** sign(x) log1p(|x| + x^2 / (1 + sqrt(x^2 + 1))): no cancellation near 0. */
    public static FloatVector arcsinh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector a2 = a.mul(a);
        FloatVector small = a.add(a2.div(a2.add(1f).sqrt().add(1f))).lanewise(LOG1P);
        FloatVector r = small.blend(a.lanewise(LOG).add(LN2), a.compare(GT, HUGE));
        return r.blend(r.neg(), x.compare(LT, 0f));
    }

    /** log1p(t + sqrt(t (x + 1))) with t = x - 1: no cancellation near 1; NaN below 1. */
    public static FloatVector arccosh(FloatVector x) {
        FloatVector t = x.sub(1f);
        FloatVector small = t.add(t.mul(x.add(1f)).sqrt()).lanewise(LOG1P);
        return small.blend(x.lanewise(LOG).add(LN2), x.compare(GT, HUGE));
    }

    public static FloatVector arctanh(FloatVector x) {
        return x.mul(2f).div(x.neg().add(1f)).lanewise(LOG1P).mul(0.5f);
    }

    /** Deterministic (see {@link VectorMath}): the same bits interpreted or compiled. */
    public static FloatVector exp(FloatVector x) {
        return VectorMath.exp(x);
    }

    public static FloatVector exp2(FloatVector x) {
        return x.broadcast(2f).lanewise(POW, x);
    }

    public static FloatVector exp10(FloatVector x) {
        return x.broadcast(10f).lanewise(POW, x);
    }

    public static FloatVector expm1(FloatVector x) {
        return x.lanewise(EXPM1);
    }

    public static FloatVector log(FloatVector x) {
        return x.abs().lanewise(LOG);
    }

    public static FloatVector log10(FloatVector x) {
        return x.abs().lanewise(LOG10);
    }

    public static FloatVector log2(FloatVector x) {
        return x.abs().lanewise(LOG).mul(INV_LN2);
    }

    /** log|1 + x|: log1p where 1 + x > 0 (accurate near 0), log(-1 - x) below. */
    public static FloatVector log1p(FloatVector x) {
        return x.lanewise(LOG1P).blend(x.neg().sub(1f).lanewise(LOG), x.compare(LT, -1f));
    }

    public static FloatVector square(FloatVector x) {
        return x.mul(x);
    }

    public static FloatVector sqrt(FloatVector x) {
        return x.abs().sqrt();
    }

    public static FloatVector cube(FloatVector x) {
        return x.mul(x).mul(x);
    }

    public static FloatVector cbrt(FloatVector x) {
        return x.lanewise(CBRT);
    }

    /** Like {@link Math#signum}: zeros and NaN are kept. */
    public static FloatVector sign(FloatVector x) {
        return x.blend(1f, x.compare(GT, 0f)).blend(-1f, x.compare(LT, 0f));
    }

    public static FloatVector reciprocal(FloatVector x) {
        return x.broadcast(1f).div(guard(x));
    }

    public static FloatVector invert(FloatVector x) {
        return x.neg().add(1f);
    }

    public static FloatVector negative(FloatVector x) {
        return x.neg();
    }

    public static FloatVector interp(FloatVector x, FloatVector y, FloatVector a) {
        return a.neg().add(1f).mul(x).add(a.mul(y));
    }

    public static FloatVector power(FloatVector x, FloatVector y) {
        return x.lanewise(POW, y);
    }

    public static FloatVector clip(FloatVector x, FloatVector y) {
        FloatVector c = y.abs();
        return x.max(c.neg()).min(c);
    }

    /** Double lanes for sums: half as many as {@link #SPECIES} has floats. */
    public static final VectorSpecies<Double> SUM_SPECIES =
            VectorSpecies.of(double.class, VectorShape.forBitSize(SPECIES.vectorBitSize()));

    /** A zero accumulator for {@link #accumulate}. */
    public static DoubleVector zeroSum() {
        return DoubleVector.zero(SUM_SPECIES);
    }

    /** {@code acc + x*y}, in double: the products are exact and the sums lose little. */
    public static DoubleVector accumulate(DoubleVector acc, FloatVector x, FloatVector y) {
        DoubleVector x0 = (DoubleVector) x.convertShape(F2D, SUM_SPECIES, 0);
        DoubleVector x1 = (DoubleVector) x.convertShape(F2D, SUM_SPECIES, 1);
        DoubleVector y0 = (DoubleVector) y.convertShape(F2D, SUM_SPECIES, 0);
        DoubleVector y1 = (DoubleVector) y.convertShape(F2D, SUM_SPECIES, 1);
        return x0.fma(y0, x1.fma(y1, acc));
    }

    /** The sum of the lanes. */
    public static double sumLanes(DoubleVector x) {
        return x.reduceLanes(ADD);
    }

    /** {@code check + x*0}: stays 0 while every x is finite, becomes NaN otherwise. */
    public static FloatVector checkFinite(FloatVector check, FloatVector x) {
        return check.add(x.mul(0f));
    }

    /** The sum of the lanes, as a double. */
    public static double sumLanes(FloatVector x) {
        return x.reduceLanes(ADD);
    }

    /** The divisor with zeros replaced by the division guard. */
    private static FloatVector guard(FloatVector y) {
        return y.blend(GUARD, y.compare(EQ, 0f));
    }
}
