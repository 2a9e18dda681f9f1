package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {

    @Test
    void intervalIsMeanPlusMinusTTimesTheStandardError() {
        // differences 1, 1, 2, 1: mean 1.25, sd 0.5, standard error 0.25, t(0.975, 3) = 3.182
        PairedDifference d = PairedDifference.of(new double[] {1, 2, 3, 4}, new double[] {2, 3, 5, 5});
        assertEquals(4, d.n());
        assertEquals(1.25, d.mean(), 1e-12);
        assertEquals(1.25 - 3.182 * 0.25, d.low(), 1e-12);
        assertEquals(1.25 + 3.182 * 0.25, d.high(), 1e-12);
        assertEquals(PairedDifference.Verdict.BETTER, d.verdict());
    }

    @Test
    void pairingSeesASteadyDifferenceThatTheSpreadOfSeedsHides() {
        // seed effects of +-0.1 dwarf a steady 0.01 gain: unpaired means overlap, the pairs do not
        double[] a = {0.80, 0.90, 1.00};
        double[] b = {0.81, 0.912, 1.009};
        PairedDifference d = PairedDifference.of(a, b);
        assertEquals(PairedDifference.Verdict.BETTER, d.verdict(), d.toString());
        assertEquals(PairedDifference.Verdict.WORSE, PairedDifference.of(b, a).verdict());
    }

    @Test
    void anIntervalThatHoldsZeroCannotTellThemApart() {
        PairedDifference d = PairedDifference.of(new double[] {0.5, 0.6, 0.7}, new double[] {0.6, 0.5, 0.71});
        assertTrue(d.low() < 0 && d.high() > 0, d.toString());
        assertEquals(PairedDifference.Verdict.UNCLEAR, d.verdict());
    }

    @Test
    void oneSeedHasNoInterval() {
        PairedDifference d = PairedDifference.of(new double[] {0.5}, new double[] {0.7});
        assertEquals(0.2, d.mean(), 1e-12);
        assertTrue(Double.isNaN(d.low()) && Double.isNaN(d.high()));
        assertEquals(PairedDifference.Verdict.TOO_FEW, d.verdict());
        assertThrows(IllegalArgumentException.class, () -> PairedDifference.of(new double[] {1}, new double[] {1, 2}));
    }

    @Test
    void tQuantilesFollowTheTableAndApproachTheNormal() {
        assertEquals(12.706, PairedDifference.t975(1));
        assertEquals(2.042, PairedDifference.t975(30));
        assertEquals(2.021, PairedDifference.t975(40), 0.001);
        assertEquals(1.984, PairedDifference.t975(100), 0.001);
        assertEquals(1.960, PairedDifference.t975(100_000), 0.001);
    }
}
