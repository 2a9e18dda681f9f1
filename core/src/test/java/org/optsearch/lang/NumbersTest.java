package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numeric literals print as the shortest decimal that reads back as the same double. */
class NumbersTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "0.9, 0.9",
            "1.0, 1.0",
            "0.0001, 0.0001",
            "0.00001, 0.00001",
            "1e-8, 1e-08",
            "-1.5e-3, -0.0015",
            "123456789, 123456789.0",
            "9999999999999998, 9999999999999998.0",
            "1e16, 1e+16",
            "1e23, 1e+23",
            "2.5e-300, 2.5e-300",
            "4.9e-324, 5e-324",
            "1.7976931348623157e308, 1.7976931348623157e+308",
            "-0.0, -0.0",
            "0.0, 0.0",
            "0.1, 0.1",
            "0.3333333333333333, 0.3333333333333333"})
    void formatsCanonically(double value, String text) {
        assertEquals(text, Numbers.format(value));
    }

    @Test
    void randomBitPatternsRoundTripThroughTheParser() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 2_000; i++) {
            double value = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(value)) {
                assertReadsBack(value);
            }
        }
    }

    @Test
    void subnormalsTinyAndHugeValuesRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < 150; i++) {
            assertReadsBack(Double.longBitsToDouble(rnd.nextLong(1L << 52)));            // subnormal
            assertReadsBack(-Double.longBitsToDouble(rnd.nextLong(1L << 52)));
            assertReadsBack(Math.scalb(rnd.nextDouble(), rnd.nextInt(-1074, 1024)));    // any scale
            assertReadsBack(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-8, 9)));    // what the search draws
            assertReadsBack(Math.nextUp(1e-5 * (1 + rnd.nextInt(3))));                 // near the notation switch
            assertReadsBack(Math.nextDown(1e16));
        }
        for (double v : new double[] {Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
                Double.MAX_VALUE, -Double.MAX_VALUE, -0.0, 0.0, 1e-5, Math.nextDown(1e-5), 1e16, Math.nextDown(1e16)}) {
            assertReadsBack(v);
        }
    }

    @Test
    void neverLongerThanJavasOwnShortestForm() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 2_000; i++) {
            double value = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-30, 31));
            String ours = Numbers.format(value);
            int digits = new BigDecimal(ours).stripTrailingZeros().precision();
            int javas = new BigDecimal(Double.toString(value)).stripTrailingZeros().precision();
            assertTrue(digits <= javas, () -> ours + " has more digits than " + value);
        }
    }

    @Test
    void refusesNonFiniteValues() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Numbers.format(v));
            assertTrue(e.getMessage().contains(String.valueOf(v)), e.getMessage());
        }
    }

    /** Exact (bit-for-bit, sign of zero included) through format, the lexer and the parser. */
    private static void assertReadsBack(double value) {
        String text = Numbers.format(value);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
        Program p = Program.parse("def train(w, g, lr, h=" + text + "):\n  u = g * " + text + "\n  return u\n");
        Operand parsed = p.statements().get(0).args().get(1);
        assertEquals(new Operand.Const(value), parsed, text);
        assertEquals(Double.valueOf(value), p.hyperparameters().get("h"), text);
    }
}
