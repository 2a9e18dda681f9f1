package org.optsearch.exec;

import org.optsearch.lang.Op;

/**
 * The meaning of every elementwise function on one element, computed in double and rounded to float.
 * The reference interpreter uses it throughout; the fused executor agrees with it to a tolerance.
 * The table in {@code docs/language.md} says the same in words.
 */
public final class Semantics {
    /** The value that a zero divisor is replaced by in {@code /} and {@code reciprocal}. */
    public static final double DIVISION_GUARD = 1e-8;
    public static final float EPS = 1e-8f;

    private Semantics() {
    }

    /** An elementwise function of up to three arguments; unused arguments are ignored. */
    public static float apply(Op op, float x, float y, float z) {
        double a = x;
        double b = y;
        return (float) switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / guard(b);
            case MAX -> Math.max(x, y);
            case MIN -> Math.min(x, y);
            case GET_PI -> Math.PI;
            case GET_E -> Math.E;
            case GET_EPS -> EPS;
            case ABS -> Math.abs(a);
            case COS -> Math.cos(a);
            case SIN -> Math.sin(a);
            case TAN -> Math.tan(a);
            case ARCSIN -> Math.asin(a);
            case ARCCOS -> Math.acos(a);
            case ARCTAN -> Math.atan(a);
            case SINH -> Math.sinh(a);
            case COSH -> Math.cosh(a);
            case TANH -> Math.tanh(a);
            case ARCSINH -> Math.copySign(Math.log1p(Math.abs(a) + a * a / (1 + Math.sqrt(a * a + 1))), a);
            case ARCCOSH -> Math.log1p(a - 1 + Math.sqrt((a - 1) * (a + 1)));
            case ARCTANH -> 0.5 * Math.log1p(2 * a / (1 - a));
            case EXP -> Math.exp(a);
            case EXP2 -> Math.pow(2, a);
            case EXP10 -> Math.pow(10, a);
            case EXPM1 -> Math.expm1(a);
            case LOG -> Math.log(Math.abs(a));
            case LOG10 -> Math.log10(Math.abs(a));
            case LOG2 -> Math.log(Math.abs(a)) / Math.log(2);
            case LOG1P -> a > -1 ? Math.log1p(a) : Math.log(-1 - a);
            case SQUARE -> a * a;
            case SQRT -> Math.sqrt(Math.abs(a));
            case CUBE -> a * a * a;
            case CBRT -> Math.cbrt(a);
            case SIGN -> Math.signum(a);
            case RECIPROCAL -> 1 / guard(a);
            case INVERT -> 1 - a;
            case NEGATIVE -> -a;
            case INTERP -> (1 - (double) z) * a + (double) z * b;
            case POWER -> Math.pow(a, b);
            case CLIP -> Math.min(Math.max(a, -Math.abs(b)), Math.abs(b));
            case COPY -> a;
            case NORM, GLOBAL_NORM, DOT, COSINE_SIM, CLIP_BY_GLOBAL_NORM, RMS, MEAN, SHAPE_FACTOR, ORTHOGONALIZE ->
                    throw new IllegalArgumentException(op + " is not elementwise");
        };
    }

    /**
     * {@code shape_factor} of a tensor: sqrt(max(1, fan-out / fan-in)), its outputs over its inputs as its
     * {@linkplain ParamLayout.Orientation orientation} says (Muon's scale); a 1-D tensor gives 1.
     */
    public static double shapeFactor(ParamLayout.Segment segment) {
        return segment.isMatrix() ? Math.sqrt(Math.max(1.0, (double) segment.fanOut() / segment.fanIn())) : 1.0;
    }

    /** {@code y}, or {@link #DIVISION_GUARD} when {@code y} is zero. */
    public static double guard(double y) {
        return y == 0 ? DIVISION_GUARD : y;
    }

    /** The factor that {@code clip_by_global_norm} multiplies by, given the global norm and the bound. */
    public static double clipFactor(double norm, double bound) {
        double c = Math.abs(bound);
        return norm > c ? c / norm : 1.0;
    }

    /** {@code cosine_sim} from the dot product and the two norms. */
    public static double cosine(double dot, double normX, double normY) {
        return dot / guard(normX * normY);
    }
}
