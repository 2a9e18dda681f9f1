package org.optsearch.search.simplify;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.optsearch.exec.ScalarReductions;
import org.optsearch.exec.Semantics;
import org.optsearch.lang.Op;

/**
 * Computes with literals exactly as the executors do: in float32, every function through
 * {@link Semantics}, and the whole-set functions of scalars as the executors' scalar path computes
 * them ({@code norm} and {@code global_norm} of a number are its absolute value, {@code dot} is the
 * product, ...). A literal a rule computes is written as the shortest decimal that executes as the
 * same float32, so {@code 0.899 * 1.109} prints as {@code 0.996991}.
 */
final class Folding {
    private Folding() {
    }

    /** {@code op} applied to float32 arguments (unused ones ignored), as the executors compute it. */
    static float apply(Op op, float x, float y, float z) {
        return op.reduces() ? ScalarReductions.apply(op, x, y) : Semantics.apply(op, x, y, z);
    }

    /**
     * The literal to write for a float32 value: the shortest decimal (at most 9 digits) whose float32
     * is {@code value}, so that executing it gives exactly {@code value}. NaN and infinities have no
     * literal.
     *
     * @throws IllegalArgumentException for a non-finite value
     */
    static double literal(float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException("no literal for " + value);
        }
        if (value == 0) {
            return value; // keeps -0.0
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits <= 9; digits++) {
            double candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).doubleValue();
            if ((float) candidate == value) {
                return candidate;
            }
        }
        return value;
    }

    /** The literal for a value computed in double by a rule, rounded to float32 as it will execute. */
    static double literal(double value) {
        return literal((float) value);
    }
}
