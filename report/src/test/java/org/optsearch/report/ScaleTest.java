package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleTest {

    @Test
    void linearTicksAreNiceRoundNumbers() {
        Scale s = Scale.linear(0.93, 1.07, 5);
        assertEquals(List.of("0.92", "0.94", "0.96", "0.98", "1.00", "1.02", "1.04", "1.06", "1.08"), s.labels());
        assertEquals(0.92, s.lo(), 1e-12);
        assertEquals(1.08, s.hi(), 1e-12);
    }

    @Test
    void aSingleValueGetsARangeAroundIt() {
        Scale s = Scale.linear(5, 5, 5);
        assertTrue(s.lo() < 5 && s.hi() > 5);
        Scale zero = Scale.linear(0, 0, 5);
        assertTrue(zero.lo() < 0 && zero.hi() > 0);
    }

    @ParameterizedTest
    @CsvSource({
        "-1e308, 1e308",
        "-1.7976931348623157e308, 1.7976931348623157e308",
        "1e-300, 2e-300",
        "0, 4e9",
        "123456789, 123456790",
    })
    void anyFiniteRangeGivesFiniteTicksInsideIt(double min, double max) {
        Scale s = Scale.linear(min, max, 5);
        assertTrue(Double.isFinite(s.lo()) && Double.isFinite(s.hi()) && s.lo() < s.hi(), s.toString());
        assertTrue(s.ticks().length >= 2 && s.ticks().length <= 25, "ticks: " + s.ticks().length);
        for (double t : s.ticks()) {
            assertTrue(t >= s.lo() && t <= s.hi());
            double f = s.fraction(t);
            assertTrue(f >= -1e-9 && f <= 1 + 1e-9, "fraction " + f);
        }
        assertEquals(s.ticks().length, s.labels().size());
        assertEquals(s.labels().size(), s.labels().stream().distinct().count(), "labels repeat: " + s.labels());
    }

    @Test
    void largeValuesUseShortScientificLabels() {
        assertEquals(List.of("0", "1e9", "2e9", "3e9", "4e9"), Scale.linear(0, 4e9, 5).labels());
    }

    @Test
    void logTicksAreDecadesWithTwoAndFiveOnShortRanges() {
        Scale s = Scale.log(0.3, 8);
        assertArrayEquals(new double[] {0.1, 0.2, 0.5, 1, 2, 5, 10}, s.ticks(), 1e-12);
        assertEquals(List.of("0.1", "0.2", "0.5", "1", "2", "5", "10"), s.labels());
        Scale wide = Scale.log(1e-12, 1e12);
        assertTrue(wide.ticks().length <= 13, "ticks: " + wide.ticks().length);
        assertEquals("1e-12", wide.labels().get(0));
        assertEquals(0.5, wide.fraction(1), 1e-12);
    }
}
