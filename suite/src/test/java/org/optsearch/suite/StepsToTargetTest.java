package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;

class StepsToTargetTest {
    private static final Workload LSTSQ = Workloads.all().get("lstsq-illcond");
    private static final Program ADAMW = Baselines.ADAMW.program().withHyperparameters(Map.of("lr_scale", 0.01));

    private static Measurement run(Program p, double target, boolean stop) {
        return StepsToTarget.measure(LSTSQ, p, "p", target, new StepsToTarget.Run(300, 300, 0.05, 1, stop));
    }

    @Test
    void reachedAtIsTheFirstEvaluationStepAtOrBelowTheTarget() {
        Measurement full = run(ADAMW, Double.NaN, false);
        assertEquals(300 / LSTSQ.evalInterval(), full.curve().size());
        assertFalse(full.reached(), "a NaN target is never reached");
        // A target between the 4th and 5th evaluations' values: reached at the 5th.
        double fourth = full.curve().get(3).value();
        double fifth = full.curve().get(4).value();
        assertTrue(fifth < fourth);
        Measurement m = run(ADAMW, (fourth + fifth) / 2, true);
        assertEquals(5 * LSTSQ.evalInterval(), m.reachedAt());
        assertEquals(m.reachedAt(), m.stepsRun(), "scoring stops at the target");
        assertEquals(5, m.curve().size());
        assertEquals(fifth, m.curve().get(4).value(), "same seed, same curve");
    }

    @Test
    void aTargetEqualToAValueIsReached() {
        Measurement full = run(ADAMW, Double.NaN, false);
        Measurement m = run(ADAMW, full.curve().get(2).value(), true);
        assertTrue(m.reachedAt() <= 3 * LSTSQ.evalInterval());
    }

    @Test
    void anUnreachableTargetIsAMissWithInfiniteSteps() {
        Measurement m = run(ADAMW, 1e-9, true);
        assertFalse(m.reached());
        assertEquals(Double.POSITIVE_INFINITY, m.steps());
        assertEquals(300, m.stepsRun());
        assertFalse(m.diverged());
    }

    @Test
    void aBudgetBelowTheHorizonStopsTheRunButKeepsTheCurve() {
        Measurement full = run(ADAMW, Double.NaN, false);
        Measurement capped = StepsToTarget.measure(LSTSQ, ADAMW, "p", 1e-9, new StepsToTarget.Run(100, 300, 0.05, 1, true));
        assertEquals(100, capped.stepsRun());
        assertFalse(capped.reached());
        assertFalse(capped.diverged(), "spending the budget is not divergence");
        assertEquals(full.curve().subList(0, 4), capped.curve());
    }

    @Test
    void divergenceIsAMissNeverACrash() {
        Program explosive = Baselines.SGD_HEAVY_BALL.program().withHyperparameters(Map.of("lr_scale", 1e4));
        Measurement m = run(explosive, 10.0, true);
        assertFalse(m.reached());
        assertTrue(m.diverged());
        assertNotNull(m.divergence());
    }

    @Test
    void theMetricsPointTheRightWay() {
        assertTrue(Metric.ACCURACY.reaches(0.9, 0.9));
        assertFalse(Metric.ACCURACY.reaches(0.89, 0.9));
        assertTrue(Metric.MSE.reaches(0.1, 0.2));
        assertFalse(Metric.BITS_PER_CHARACTER.reaches(Double.NaN, 5));
        assertEquals(2.0, Metric.BITS_PER_CHARACTER.value(new org.optsearch.train.run.TrainResult.Point(1, 0, 2 * Math.log(2), 0)),
                1e-12);
    }
}
