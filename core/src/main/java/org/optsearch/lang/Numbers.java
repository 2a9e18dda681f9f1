package org.optsearch.lang;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Canonical text for numeric literals: the shortest decimal that reads back as the same double. */
public final class Numbers {
    private Numbers() {
    }

    /**
     * {@code 0.9}, {@code 1.0}, {@code 0.0001}, {@code 1e-08}: plain notation for magnitudes in
     * [1e-5, 1e16), scientific otherwise; always parseable by the program parser and by Python.
     * The result is the same on every JVM (it does not depend on {@link Double#toString}).
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(value);
        BigDecimal shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == value) {
                shortest = rounded;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-5 && magnitude < 1e16) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String unscaled = shortest.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - shortest.scale();
        String mantissa = unscaled.length() == 1 ? unscaled : unscaled.charAt(0) + "." + unscaled.substring(1);
        String sign = value < 0 ? "-" : "";
        String expSign = exponent < 0 ? "-" : "+";
        int absExp = Math.abs(exponent);
        return sign + mantissa + "e" + expSign + (absExp < 10 ? "0" : "") + absExp;
    }
}
