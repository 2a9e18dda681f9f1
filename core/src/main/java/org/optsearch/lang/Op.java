package org.optsearch.lang;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions of the program language: the paper's published search space (docs/method.md, section 2)
 * plus {@code clip} from its listings and {@link #COPY}, the plain assignment {@code x = y}.
 *
 * <p>The semantics of each function are written in {@code docs/language.md}; the executors in
 * {@code org.optsearch.exec} implement them. This enum only knows names, arities and the shape rules
 * that abstract execution needs.
 */
public enum Op {
    ADD("+", 2, Shape.ELEMENTWISE, true),
    SUB("-", 2, Shape.ELEMENTWISE, false),
    MUL("*", 2, Shape.ELEMENTWISE, true),
    DIV("/", 2, Shape.ELEMENTWISE, false),
    MAX("max", 2, Shape.ELEMENTWISE, true),
    MIN("min", 2, Shape.ELEMENTWISE, true),

    GET_PI("get_pi", 0, Shape.ELEMENTWISE, false),
    GET_E("get_e", 0, Shape.ELEMENTWISE, false),
    GET_EPS("get_eps", 0, Shape.ELEMENTWISE, false),

    ABS("abs", 1, Shape.ELEMENTWISE, false),
    COS("cos", 1, Shape.ELEMENTWISE, false),
    SIN("sin", 1, Shape.ELEMENTWISE, false),
    TAN("tan", 1, Shape.ELEMENTWISE, false),
    ARCSIN("arcsin", 1, Shape.ELEMENTWISE, false),
    ARCCOS("arccos", 1, Shape.ELEMENTWISE, false),
    ARCTAN("arctan", 1, Shape.ELEMENTWISE, false),
    SINH("sinh", 1, Shape.ELEMENTWISE, false),
    COSH("cosh", 1, Shape.ELEMENTWISE, false),
    TANH("tanh", 1, Shape.ELEMENTWISE, false),
    ARCSINH("arcsinh", 1, Shape.ELEMENTWISE, false),
    ARCCOSH("arccosh", 1, Shape.ELEMENTWISE, false),
    ARCTANH("arctanh", 1, Shape.ELEMENTWISE, false),
    EXP("exp", 1, Shape.ELEMENTWISE, false),
    EXP2("exp2", 1, Shape.ELEMENTWISE, false),
    EXP10("exp10", 1, Shape.ELEMENTWISE, false),
    EXPM1("expm1", 1, Shape.ELEMENTWISE, false),
    LOG("log", 1, Shape.ELEMENTWISE, false),
    LOG10("log10", 1, Shape.ELEMENTWISE, false),
    LOG2("log2", 1, Shape.ELEMENTWISE, false),
    LOG1P("log1p", 1, Shape.ELEMENTWISE, false),
    SQUARE("square", 1, Shape.ELEMENTWISE, false),
    SQRT("sqrt", 1, Shape.ELEMENTWISE, false),
    CUBE("cube", 1, Shape.ELEMENTWISE, false),
    CBRT("cbrt", 1, Shape.ELEMENTWISE, false),
    SIGN("sign", 1, Shape.ELEMENTWISE, false),
    RECIPROCAL("reciprocal", 1, Shape.ELEMENTWISE, false),
    INVERT("invert", 1, Shape.ELEMENTWISE, false),
    NEGATIVE("negative", 1, Shape.ELEMENTWISE, false),

    /** L2 norm of each parameter tensor, broadcast over that tensor's elements. */
    NORM("norm", 1, Shape.PER_TENSOR, false),
    INTERP("interp", 3, Shape.ELEMENTWISE, false),
    POWER("power", 2, Shape.ELEMENTWISE, false),
    CLIP("clip", 2, Shape.ELEMENTWISE, false),

    GLOBAL_NORM("global_norm", 1, Shape.REDUCE_ALL, false),
    DOT("dot", 2, Shape.REDUCE_ALL, true),
    COSINE_SIM("cosine_sim", 2, Shape.REDUCE_ALL, true),
    /** Scales x so that its global norm is at most |c|; keeps the shape of x. */
    CLIP_BY_GLOBAL_NORM("clip_by_global_norm", 2, Shape.SCALE_ALL, false),

    // The functions of the 2025-2026 optimizers (Muon, Adam-mini, ...): not in the published search space.
    /** Root mean square of each parameter tensor, broadcast over that tensor. */
    RMS("rms", 1, Shape.PER_TENSOR, false),
    /** Mean of each parameter tensor, broadcast over that tensor. */
    MEAN("mean", 1, Shape.PER_TENSOR, false),
    /** sqrt(max(1, rows / columns)) of each tensor's matrix shape (1 for a vector), broadcast over it. */
    SHAPE_FACTOR("shape_factor", 1, Shape.PER_TENSOR, false),
    /** Muon's Newton-Schulz orthogonalization of each matrix (a vector: its direction). */
    ORTHOGONALIZE("orthogonalize", 1, Shape.MATRIX, false),

    /** Plain assignment {@code x = y} or {@code x = 0.5}; not part of the searched function set. */
    COPY("=", 1, Shape.ELEMENTWISE, false);

    /** How the result's kind follows from the arguments' kinds. */
    public enum Shape {
        /** Array if any argument is an array, else scalar. */
        ELEMENTWISE,
        /** Same kind as the argument; for arrays, one value per parameter tensor. */
        PER_TENSOR,
        /** Always a scalar: a reduction over the whole parameter set. */
        REDUCE_ALL,
        /** Kind of the first argument; needs a reduction over the whole parameter set. */
        SCALE_ALL,
        /** Same kind as the argument; each tensor's value depends on the whole tensor (a matrix function). */
        MATRIX
    }

    private static final Map<String, Op> BY_NAME = new HashMap<>();

    static {
        for (Op op : values()) {
            if (op != COPY && !op.infix()) {
                BY_NAME.put(op.spelling, op);
            }
        }
        BY_NAME.put("interpolate", INTERP);
    }

    private final String spelling;
    private final int arity;
    private final Shape shape;
    private final boolean commutative;

    Op(String spelling, int arity, Shape shape, boolean commutative) {
        this.spelling = spelling;
        this.arity = arity;
        this.shape = shape;
        this.commutative = commutative;
    }

    /** The name as written in programs ({@code "sign"}), or the symbol of an infix operator ({@code "+"}). */
    public String spelling() {
        return spelling;
    }

    public int arity() {
        return arity;
    }

    public Shape shape() {
        return shape;
    }

    /** True when the result does not depend on the order of the arguments. */
    public boolean commutative() {
        return commutative;
    }

    /** True for {@code + - * /}, which programs write between their operands. */
    public boolean infix() {
        return ordinal() <= DIV.ordinal();
    }

    /** True when the op reads values across the whole parameter set or a whole tensor. */
    public boolean reduces() {
        return shape != Shape.ELEMENTWISE;
    }

    /** The function called by this name in program text, if any; {@code interpolate} is {@code interp}; not {@code +}. */
    public static Op byName(String name) {
        return BY_NAME.get(name);
    }

    /** Every name that program text may call, sorted. */
    public static List<String> names() {
        String[] names = BY_NAME.keySet().toArray(new String[0]);
        Arrays.sort(names);
        return List.of(names);
    }

    /**
     * The published search space: every function except {@link #COPY} and the {@link #recent()} ones,
     * which a search uses only when asked ({@code --functions}).
     */
    public static List<Op> searchable() {
        return Arrays.stream(values()).filter(op -> op != COPY && !op.isRecent()).toList();
    }

    /** The functions added for the 2025-2026 optimizers: {@code rms mean shape_factor orthogonalize}. */
    public static List<Op> recent() {
        return List.of(RMS, MEAN, SHAPE_FACTOR, ORTHOGONALIZE);
    }

    /** Whether this is one of the {@link #recent()} functions, outside the published search space. */
    public boolean isRecent() {
        return ordinal() >= RMS.ordinal() && this != COPY;
    }

    /** The closest known function name within two edits of {@code name}, or null. */
    public static String suggest(String name) {
        return closest(name, names());
    }

    /** The candidate within two edits of {@code name}, or null; long names get no suggestion. */
    public static String closest(String name, Iterable<String> candidates) {
        if (name.length() > 40) {
            return null;
        }
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - name.length()) >= bestDistance) {
                continue;
            }
            int d = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
