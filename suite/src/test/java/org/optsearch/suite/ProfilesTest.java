package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilesTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void ratiosDivideByTheFastestSubmissionPerWorkload() {
        double[][] steps = {{100, 400, INF}, {200, 100, 300}};
        double[][] r = Profiles.ratios(steps);
        assertArrayEquals(new double[] {1, 4, INF}, r[0]);
        assertArrayEquals(new double[] {2, 1, 1}, r[1]);
    }

    @Test
    void aWorkloadEveryoneMissedCountsAsMissedForAll() {
        double[][] r = Profiles.ratios(new double[][] {{INF, 10}, {INF, 20}});
        assertEquals(INF, r[0][0]);
        assertEquals(INF, r[1][0]);
        assertEquals(2, r[1][1]);
    }

    @Test
    void fastestEverywhereScoresOneAndNeverWithinRmaxScoresZero() {
        assertEquals(1, Profiles.integral(new double[] {1, 1, 1}, 4), 1e-12);
        assertEquals(0, Profiles.integral(new double[] {INF, 5, 4}, 4), 1e-12);
    }

    @Test
    void integralMatchesHandComputedStepFunction() {
        // ratios 1, 2, 3.5, inf: rho = 1/4 on [1,2), 2/4 on [2,3.5), 3/4 on [3.5,4].
        // integral = 0.25*1 + 0.5*1.5 + 0.75*0.5 = 1.375; normalized by 3: 0.458333...
        double[] ratios = {1, 2, 3.5, INF};
        assertEquals(1.375 / 3, Profiles.integral(ratios, 4), 1e-12);
        assertEquals(0.25, Profiles.rho(ratios, 1.999), 1e-12);
        assertEquals(0.5, Profiles.rho(ratios, 2), 1e-12);
        assertEquals(0.75, Profiles.rho(ratios, 4), 1e-12);
    }

    @Test
    void integralAgreesWithNumericalQuadratureOfRho() {
        double[] ratios = {1.2, 1.7, 2.9, 3.99, 6, INF, 1};
        int n = 300_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double tau = 1 + 3.0 * (i + 0.5) / n;
            sum += Profiles.rho(ratios, tau);
        }
        assertEquals(sum / n, Profiles.integral(ratios, 4), 1e-5);
    }

    @Test
    void scoresRankTwoSubmissionsByHand() {
        // A: 100, 300; B: 200, 100 -> ratios A = 1, 3; B = 2, 1.
        Map<String, Double> s = Profiles.scores(List.of("A", "B"), new double[][] {{100, 300}, {200, 100}});
        assertEquals((3 + 1) / 2.0 / 3, s.get("A"), 1e-12);
        assertEquals((2 + 3) / 2.0 / 3, s.get("B"), 1e-12);
    }

    @Test
    void curveStepsUpAtEachRatioWithinRmax() {
        List<double[]> c = Profiles.curve(new double[] {1, 2, 9}, 4);
        assertEquals(3, c.size());
        assertArrayEquals(new double[] {1, 1 / 3.0}, c.get(0), 1e-12);
        assertArrayEquals(new double[] {2, 2 / 3.0}, c.get(1), 1e-12);
        assertArrayEquals(new double[] {4, 2 / 3.0}, c.get(2), 1e-12);
    }

    @Test
    void geometricMeanSpeedupLeavesMissesOut() {
        // speedups 2 and 0.5 -> 1; the miss is left out.
        assertEquals(1, Profiles.geometricMeanSpeedup(new double[] {50, 200, INF}, new double[] {100, 100, 100}), 1e-12);
        assertEquals(4, Profiles.geometricMeanSpeedup(new double[] {25}, new double[] {100}), 1e-12);
        assertTrue(Double.isNaN(Profiles.geometricMeanSpeedup(new double[] {INF}, new double[] {100})));
    }

    @Test
    void nonPositiveStepsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Profiles.ratios(new double[][] {{0}}));
        assertThrows(IllegalArgumentException.class, () -> Profiles.integral(new double[] {1}, 1));
    }
}
