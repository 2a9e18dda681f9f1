package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Tuning;

class TuneTableTest {

    private static TrainResult result(double fitness, double loss, boolean diverged) {
        return new TrainResult("t", "p", 10, diverged ? Double.NaN : loss, fitness, diverged ? TrainResult.FAILED : fitness,
                diverged ? "loss is NaN" : null, 0.1, List.of());
    }

    private static Tuning.Point lr(double v) {
        return new Tuning.Point(Map.of("lr_scale", v));
    }

    @Test
    void equalFitnessIsDecidedByTheLowerValidationLossNotByGridOrder() {
        List<Tuning.Point> points = List.of(lr(0.1), lr(1), lr(10), lr(100));
        List<TrainResult> results = List.of(result(0.95, 0.30, false), result(0.95, 0.20, false),
                result(0.90, 0.10, false), result(0, 0, true));
        List<TuneTable.Scored> ranked = TuneTable.score(points, results, 1);
        assertEquals(List.of(lr(1), lr(0.1), lr(10), lr(100)), ranked.stream().map(TuneTable.Scored::point).toList());
    }

    @Test
    void aPointWithADivergedSeedFails() {
        List<TuneTable.Scored> ranked = TuneTable.score(List.of(lr(1), lr(2)),
                List.of(result(0.99, 0.1, false), result(0, 0, true), result(0.9, 0.2, false), result(0.9, 0.2, false)), 2);
        assertEquals(lr(2), ranked.get(0).point());
        assertEquals(TrainResult.FAILED, ranked.get(1).fitness());
        assertEquals(1, ranked.get(1).diverged());
    }
}
