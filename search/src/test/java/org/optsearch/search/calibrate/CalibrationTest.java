package org.optsearch.search.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** A score that peaks at multiplier 10^0.5 and rises with training length, like a learning-rate sweep. */
    private static double peakAtRootTen(double m, double fraction) {
        double d = Math.log10(m) - 0.5;
        return fraction - d * d;
    }

    @Test
    void findsTheBestMultiplierAtFullLength() {
        Calibration.Result r = Calibration.run(Calibration.Plan.halfDecades(5, 4), CalibrationTest::peakAtRootTen);
        assertEquals(Math.pow(10, 0.5), r.multiplier(), 1e-12);
        assertEquals(1.0, r.score(), 1e-12);
    }

    @Test
    void halvesTheSettingsAtEachRung() {
        List<Double> fractions = new ArrayList<>();
        Calibration.run(Calibration.Plan.halfDecades(5, 4), (m, f) -> {
            fractions.add(f);
            return peakAtRootTen(m, f);
        });
        assertEquals(List.of(0.125, 0.125, 0.125, 0.125, 0.125, 0.25, 0.25, 0.25, 0.5, 0.5, 1.0), fractions);
        assertEquals(5 * 0.125 + 3 * 0.25 + 2 * 0.5 + 1.0, Calibration.Plan.halfDecades(5, 4).cost(), 1e-12);
    }

    @Test
    void divergedTrialsLoseAndNaNCountsAsDiverged() {
        Calibration.Result r = Calibration.run(Calibration.Plan.halfDecades(3, 2),
                (m, f) -> m > 1 ? Double.NaN : m < 1 ? Double.NEGATIVE_INFINITY : 0.5);
        assertEquals(1.0, r.multiplier());
        assertEquals(0.5, r.score());
    }

    @Test
    void tiesKeepTheProgramAsWritten() {
        Calibration.Result r = Calibration.run(Calibration.Plan.halfDecades(5, 3), (m, f) -> 0.7);
        assertEquals(1.0, r.multiplier());
    }

    @Test
    void everythingDivergingIsAFailureAtMultiplierOfTheLastRung() {
        Calibration.Result r = Calibration.run(Calibration.Plan.halfDecades(3, 2), (m, f) -> Double.NEGATIVE_INFINITY);
        assertEquals(Double.NEGATIVE_INFINITY, r.score());
        assertEquals(1.0, r.multiplier());
    }

    @Test
    void offRunsTheProgramOnceAtFullLength() {
        Calibration.Result r = Calibration.run(Calibration.Plan.off(), (m, f) -> m * f);
        assertEquals(1, r.runs().size());
        assertEquals(1.0, r.cost());
    }

    @Test
    void badPlansAreRefusedWithTheValue() {
        assertThrows(IllegalArgumentException.class, () -> Calibration.Plan.halfDecades(4, 3));
        assertThrows(IllegalArgumentException.class, () -> new Calibration.Plan(List.of(-1.0), 2));
        assertThrows(IllegalArgumentException.class, () -> new Calibration.Plan(List.of(1.0), 0));
    }
}
