package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WelchTest {
    @Test
    void studentCdfMatchesReferenceValues() {
        // Reference values from scipy.stats.t.cdf.
        assertEquals(0.9633059826146299, Welch.studentCdf(2.0, 10), 1e-10);
        assertEquals(0.10679908460100675, Welch.studentCdf(-1.5, 3.7), 1e-10);
        assertEquals(0.5, Welch.studentCdf(0, 7), 1e-12);
    }

    @Test
    void welchTestMatchesScipyOneSided() {
        // scipy.stats.ttest_ind(a, b, equal_var=False, alternative='less')
        Welch.Result r = Welch.lessThan(new double[] {10, 12, 14, 13}, new double[] {20, 22, 24, 26, 28});
        assertEquals(-7.112509139504988, r.t(), 1e-9);
        assertEquals(6.327024701978615, r.df(), 1e-9);
        assertEquals(0.00015289508031374706, r.p(), 1e-10);
        Welch.Result s = Welch.lessThan(new double[] {100, 120, 90}, new double[] {150, 130, 170, 160, 140});
        assertEquals(0.005752830773341912, s.p(), 1e-10);
    }

    @Test
    void identicalConstantSamplesAreNotSignificantAndSmallerConstantsAre() {
        assertEquals(0.5, Welch.lessThan(new double[] {5, 5}, new double[] {5, 5, 5}).p());
        assertEquals(0, Welch.lessThan(new double[] {4, 4}, new double[] {5, 5, 5}).p());
    }

    @Test
    void tooFewSamplesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Welch.lessThan(new double[] {1}, new double[] {1, 2}));
    }

    private static final Targets.Entry ENTRY = new Targets.Entry(Metric.ACCURACY, 0.9, 1000, 50, 800, "adamw", 750,
            List.of(0.9), Map.of());

    @Test
    void noClaimNoTest() {
        assertNull(Significance.test(new double[] {300, 300}, new double[] {200, 250, 300}, ENTRY));
        assertNull(Significance.test(new double[] {100}, new double[] {200, 250, 300}, ENTRY));
    }

    @Test
    void aMissOfTheProgramsFailsItsClaim() {
        Welch.Result r = Significance.test(new double[] {100, 100, Double.POSITIVE_INFINITY},
                new double[] {200, 250, 300}, ENTRY);
        assertEquals(1, r.p());
    }

    @Test
    void aMissOfAdamWCountsAsBudgetPlusOneInterval() {
        Welch.Result withMiss = Significance.test(new double[] {100, 150, 120},
                new double[] {900, 1000, Double.POSITIVE_INFINITY}, ENTRY);
        Welch.Result asNumber = Welch.lessThan(new double[] {100, 150, 120}, new double[] {900, 1000, 1050});
        assertEquals(asNumber, withMiss);
    }
}
