package org.optsearch.search.mutate;

import java.util.Locale;
import java.util.SplittableRandom;
import org.optsearch.lang.Numbers;

/**
 * The paper's rule for constants (docs/method.md, section 3): a new constant is drawn from N(0, 1); a changed
 * constant is, with probability 1/2 each, redrawn from N(0, 1) or multiplied by 2^a with a ~ N(0, 1).
 */
final class Constants {
    private Constants() {
    }

    /** A new constant, from N(0, 1). */
    static double draw(SplittableRandom rnd) {
        return rnd.nextGaussian();
    }

    /** {@code value * 2^exponent}: keeps the sign, scales the magnitude; infinite when it overflows. */
    static double scale(double value, double exponent) {
        return value * Math.pow(2, exponent);
    }

    /** One change of {@code value}; check {@link Change#finite()} before using it (a huge value may overflow). */
    static Change change(double value, SplittableRandom rnd) {
        if (rnd.nextBoolean()) {
            return new Change(value, draw(rnd), Double.NaN);
        }
        double a = rnd.nextGaussian();
        return new Change(value, scale(value, a), a);
    }

    /**
     * @param exponent the a of 2^a, or NaN when the constant was redrawn
     */
    record Change(double before, double after, double exponent) {
        boolean redrawn() {
            return Double.isNaN(exponent);
        }

        boolean finite() {
            return Double.isFinite(after);
        }

        /** {@code 0.9 -> 0.72 (times 2^-0.322)} or {@code 0.9 -> -1.31 (redrawn from N(0,1))}. */
        String describe() {
            String how = redrawn() ? "redrawn from N(0,1)" : "times 2^" + String.format(Locale.ROOT, "%.3f", exponent);
            return Numbers.format(before) + " -> " + Numbers.format(after) + " (" + how + ")";
        }
    }
}
