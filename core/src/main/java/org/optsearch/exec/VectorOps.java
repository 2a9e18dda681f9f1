package org.optsearch.exec;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.F2D;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

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
 */
public final class VectorOps {
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
        return bySemantics(Op.COS, x);
    }

    public static FloatVector sin(FloatVector x) {
        return bySemantics(Op.SIN, x);
    }

    public static FloatVector tan(FloatVector x) {
        return bySemantics(Op.TAN, x);
    }

    public static FloatVector arcsin(FloatVector x) {
        return bySemantics(Op.ARCSIN, x);
    }

    public static FloatVector arccos(FloatVector x) {
        return bySemantics(Op.ARCCOS, x);
    }

    public static FloatVector arctan(FloatVector x) {
        return bySemantics(Op.ARCTAN, x);
    }

    public static FloatVector sinh(FloatVector x) {
        return bySemantics(Op.SINH, x);
    }

    public static FloatVector cosh(FloatVector x) {
        return bySemantics(Op.COSH, x);
    }

    public static FloatVector tanh(FloatVector x) {
        return bySemantics(Op.TANH, x);
    }

    public static FloatVector arcsinh(FloatVector x) {
        return bySemantics(Op.ARCSINH, x);
    }

    public static FloatVector arccosh(FloatVector x) {
        return bySemantics(Op.ARCCOSH, x);
    }

    public static FloatVector arctanh(FloatVector x) {
        return bySemantics(Op.ARCTANH, x);
    }

    public static FloatVector exp(FloatVector x) {
        return bySemantics(Op.EXP, x);
    }

    public static FloatVector exp2(FloatVector x) {
        return bySemantics(Op.EXP2, x);
    }

    public static FloatVector exp10(FloatVector x) {
        return bySemantics(Op.EXP10, x);
    }

    public static FloatVector expm1(FloatVector x) {
        return bySemantics(Op.EXPM1, x);
    }

    public static FloatVector log(FloatVector x) {
        return bySemantics(Op.LOG, x);
    }

    public static FloatVector log10(FloatVector x) {
        return bySemantics(Op.LOG10, x);
    }

    public static FloatVector log2(FloatVector x) {
        return bySemantics(Op.LOG2, x);
    }

    public static FloatVector log1p(FloatVector x) {
        return bySemantics(Op.LOG1P, x);
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
        return bySemantics(Op.CBRT, x);
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
        return bySemantics(Op.POWER, x, y);
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

    /**
     * {@code op} lane by lane, exactly as the reference interpreter computes it. The Vector API's own
     * transcendental functions give different last bits depending on whether the JIT has compiled the
     * caller (see {@link VectorMath}); a search must get the same result from the same seed, so the
     * functions whose results are not exactly defined by IEEE 754 (all but + - * /, sqrt, min, max, abs)
     * take this slower path. Programs that use them are rare among good optimizers.
     */
    private static FloatVector bySemantics(Op op, FloatVector x) {
        float[] a = x.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] = Semantics.apply(op, a[i], 0f, 0f);
        }
        return FloatVector.fromArray(x.species(), a, 0);
    }

    private static FloatVector bySemantics(Op op, FloatVector x, FloatVector y) {
        float[] a = x.toArray();
        float[] b = y.toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] = Semantics.apply(op, a[i], b[i], 0f);
        }
        return FloatVector.fromArray(x.species(), a, 0);
    }

    /** The divisor with zeros replaced by the division guard. */
    private static FloatVector guard(FloatVector y) {
        return y.blend(GUARD, y.compare(EQ, 0f));
    }
}
