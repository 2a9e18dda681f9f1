package org.optsearch.search.simplify;

import org.optsearch.lang.Op;

/**
 * The algebraic rewrite rules of simplification (docs/method.md, section 4), one table entry each. A rule
 * looks at one statement of the single-assignment form and, when it matches, gives the statement that
 * replaces it; "becomes x" is written as the copy {@code t = x}, which {@link #COPY_PROPAGATION} then
 * reads through. {@link Rewriter} applies the table to a fixpoint; a rule that would change a value's
 * kind (scalar or array) does not match, because whole-set functions tell the two apart.
 *
 * <p>Each rule says how exactly it preserves the function ({@link Exactness}); {@code RuleTest} checks
 * every one on its own, as text and numerically with the reference interpreter.
 */
public enum Rule {
    COPY_PROPAGATION("copy-propagation", "after y = x, a use of y reads x", Exactness.EXACT, Rule::copyPropagation),
    CONSTANT_FOLDING("constant-folding", "a function of literals only becomes its value, computed in float32 "
            + "as the executors do: 2.0 * 3.0 -> 6.0, get_pi() -> 3.1415927 (not when the value is NaN or infinite)",
            Exactness.EXACT, Rule::constantFolding),
    SIGN_FROM_ABS("sign-from-abs", "x / abs(x) -> sign(x); x = 0 gives 0 / 1e-8 = 0 = sign(0); "
            + "x = +-inf gives NaN before and +-1 after", Exactness.FINITE, Rule::signFromAbs),
    SIGN_FROM_SQRT("sign-from-sqrt", "x / sqrt(x * x), x / sqrt(square(x)) -> sign(x); exact up to float32 rounding "
            + "while x * x neither underflows nor overflows in float32 (1e-19 < |x| < 1.8e19)",
            Exactness.ROUNDING, Rule::signFromSqrt),
    DOUBLE_NEGATION("double-negation", "-(-x) -> x: negating twice gives x back", Exactness.EXACT, Rule::doubleNegation),
    MULTIPLY_BY_ONE("multiply-by-one", "x * 1.0, 1.0 * x -> x", Exactness.EXACT, Rule::multiplyByOne),
    MULTIPLY_BY_MINUS_ONE("multiply-by-minus-one", "x * -1.0, -1.0 * x -> -x", Exactness.EXACT,
            Rule::multiplyByMinusOne),
    ADD_ZERO("add-zero", "x + 0.0, 0.0 + x, x - 0.0 -> x (-0.0 + 0.0 is +0.0: equal, not the same bits)",
            Exactness.EXACT, Rule::addZero),
    DIVIDE_BY_ONE("divide-by-one", "x / 1.0 -> x", Exactness.EXACT, Rule::divideByOne),
    POWER_OF_ONE("power-of-one", "power(x, 1.0) -> x", Exactness.EXACT, Rule::powerOfOne),
    INTERP_ENDPOINT("interp-endpoint", "interp(x, y, 0.0) -> x and interp(x, y, 1.0) -> y; exact while the "
            + "argument dropped is finite (0 * inf is NaN)", Exactness.FINITE, Rule::interpEndpoint),
    INTERP_MERGE("interp-merge", "a = interp(x, y, c1); b = interp(x, a, c2) -> b = interp(x, y, c1 * c2), "
            + "and the three other ways b can mix a with x or y; exact in real numbers, so up to float32 rounding",
            Exactness.ROUNDING, InterpMerge::apply),
    IDEMPOTENT("idempotent", "sign(sign(x)) -> sign(x), abs(abs(x)) -> abs(x)", Exactness.EXACT, Rule::idempotent),
    COMMON_SUBEXPRESSION("common-subexpression", "a statement repeating an earlier one (same function, same "
            + "arguments in any order for + * max min dot cosine_sim) reads the earlier value", Exactness.EXACT,
            Rule::commonSubexpression);

    /** How exactly a rule preserves the function the program computes. */
    public enum Exactness {
        /** The same values (up to the sign of a zero). */
        EXACT,
        /** The same values while the arguments are finite; the rule's description says which. */
        FINITE,
        /** Equal in real arithmetic; float32 results may differ in the last bits. */
        ROUNDING
    }

    /** Matches one statement: the statement that replaces statement {@code index}, or null. */
    @FunctionalInterface
    interface Match {
        Ssa.Def apply(Ssa ssa, int index);
    }

    private final String label;
    private final String description;
    private final Exactness exactness;
    private final Match match;

    Rule(String label, String description, Exactness exactness, Match match) {
        this.label = label;
        this.description = description;
        this.exactness = exactness;
        this.match = match;
    }

    /** The name that logs use: {@code interp-merge}. */
    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    public Exactness exactness() {
        return exactness;
    }

    /** The replacement of statement {@code index}, or null when the rule does not match it. */
    Ssa.Def apply(Ssa ssa, int index) {
        Ssa.Def replacement = match.apply(ssa, index);
        if (replacement == null || replacement.equals(ssa.def(index))) {
            return null;
        }
        return replacement;
    }

    // ---- the matchers ----

    private static Ssa.Def copyPropagation(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        Ssa.Ref[] args = d.args().toArray(new Ssa.Ref[0]);
        boolean changed = false;
        for (int a = 0; a < args.length; a++) {
            Ssa.Def source = ssa.def(args[a]);
            if (source != null && source.op() == Op.COPY) {
                args[a] = source.arg(0);
                changed = true;
            }
        }
        return changed ? d.with(d.op(), args) : null;
    }

    private static Ssa.Def constantFolding(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if (d.op() == Op.COPY) {
            return null;
        }
        float[] values = new float[3];
        for (int a = 0; a < d.args().size(); a++) {
            if (!(d.arg(a) instanceof Ssa.Lit lit)) {
                return null;
            }
            values[a] = lit.asFloat();
        }
        float value = Folding.apply(d.op(), values[0], values[1], values[2]);
        return Float.isFinite(value) ? d.with(Op.COPY, new Ssa.Lit(Folding.literal(value))) : null;
    }

    private static Ssa.Def signFromAbs(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if (d.op() != Op.DIV || ssa.opOf(d.arg(1)) != Op.ABS) {
            return null;
        }
        Ssa.Ref x = d.arg(0);
        return ssa.def(d.arg(1)).arg(0).equals(x) && !(x instanceof Ssa.Lit) ? d.with(Op.SIGN, x) : null;
    }

    private static Ssa.Def signFromSqrt(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if (d.op() != Op.DIV || ssa.opOf(d.arg(1)) != Op.SQRT) {
            return null;
        }
        Ssa.Ref x = d.arg(0);
        Ssa.Def square = ssa.def(ssa.def(d.arg(1)).arg(0));
        if (square == null || x instanceof Ssa.Lit) {
            return null;
        }
        boolean squares = square.op() == Op.SQUARE && square.arg(0).equals(x)
                || square.op() == Op.MUL && square.arg(0).equals(x) && square.arg(1).equals(x);
        return squares ? d.with(Op.SIGN, x) : null;
    }

    private static Ssa.Def doubleNegation(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if (d.op() != Op.NEGATIVE || ssa.opOf(d.arg(0)) != Op.NEGATIVE) {
            return null;
        }
        return d.with(Op.COPY, ssa.def(d.arg(0)).arg(0));
    }

    private static Ssa.Def multiplyByOne(Ssa ssa, int index) {
        return dropNeutral(ssa, index, Op.MUL, 1f, true);
    }

    private static Ssa.Def addZero(Ssa ssa, int index) {
        Ssa.Def sum = dropNeutral(ssa, index, Op.ADD, 0f, true);
        return sum != null ? sum : dropNeutral(ssa, index, Op.SUB, 0f, false);
    }

    private static Ssa.Def divideByOne(Ssa ssa, int index) {
        return dropNeutral(ssa, index, Op.DIV, 1f, false);
    }

    private static Ssa.Def powerOfOne(Ssa ssa, int index) {
        return dropNeutral(ssa, index, Op.POWER, 1f, false); // Math.pow(x, 1.0) is x
    }

    /** {@code x op e} (and {@code e op x} when {@code bothSides}) becomes {@code x} for the neutral literal e. */
    private static Ssa.Def dropNeutral(Ssa ssa, int index, Op op, float neutral, boolean bothSides) {
        Ssa.Def d = ssa.def(index);
        if (d.op() != op) {
            return null;
        }
        if (isLiteral(d.arg(1), neutral)) {
            return becomes(ssa, index, d.arg(0));
        }
        if (bothSides && isLiteral(d.arg(0), neutral)) {
            return becomes(ssa, index, d.arg(1));
        }
        return null;
    }

    private static Ssa.Def multiplyByMinusOne(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if (d.op() != Op.MUL) {
            return null;
        }
        if (isLiteral(d.arg(1), -1f)) {
            return d.with(Op.NEGATIVE, d.arg(0));
        }
        return isLiteral(d.arg(0), -1f) ? d.with(Op.NEGATIVE, d.arg(1)) : null;
    }

    private static Ssa.Def interpEndpoint(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if (d.op() != Op.INTERP) {
            return null;
        }
        if (isLiteral(d.arg(2), 0f)) {
            return becomes(ssa, index, d.arg(0));
        }
        return isLiteral(d.arg(2), 1f) ? becomes(ssa, index, d.arg(1)) : null;
    }

    private static Ssa.Def idempotent(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if ((d.op() == Op.SIGN || d.op() == Op.ABS) && ssa.opOf(d.arg(0)) == d.op()) {
            return d.with(Op.COPY, d.arg(0));
        }
        return null;
    }

    private static Ssa.Def commonSubexpression(Ssa ssa, int index) {
        Ssa.Def d = ssa.def(index);
        if (d.op() == Op.COPY) {
            return null; // copies are copy propagation's business
        }
        int earlier = ssa.firstRepeat(index);
        return earlier >= 0 ? d.with(Op.COPY, new Ssa.At(earlier)) : null;
    }

    /** Statement {@code index} becomes a copy of {@code x}, unless that would change its kind. */
    static Ssa.Def becomes(Ssa ssa, int index, Ssa.Ref x) {
        if (ssa.isArray(x) != ssa.isArray(new Ssa.At(index))) {
            return null;
        }
        return ssa.def(index).with(Op.COPY, x);
    }

    /** True for a literal that executes as exactly {@code value} (so {@code 1.00000001} counts as 1). */
    static boolean isLiteral(Ssa.Ref ref, float value) {
        return ref instanceof Ssa.Lit lit && lit.asFloat() == value;
    }
}
