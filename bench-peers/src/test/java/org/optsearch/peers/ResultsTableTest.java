package org.optsearch.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static Result result(String impl, String workload, int round, double median) {
        return new Result(impl, workload, round, new Timing.Stats(100, median, median * 0.9, median * 1.2, median * 0.8,
                1.0), 2.3, 0.1, 4810);
    }

    @Test
    void resultLineRoundTrips() {
        Result r = result("djl", "mlp-64-64-10", 2, 0.35);
        Result back = Result.parse(r.line());
        assertEquals(r.impl(), back.impl());
        assertEquals(r.workload(), back.workload());
        assertEquals(2, back.round());
        assertEquals(0.35, back.stats().median(), 1e-9);
        assertEquals(4810, back.params());
    }

    @Test
    void lineFromAnotherToolIsRejectedWithItsText() {
        var e = assertThrows(IllegalArgumentException.class, () -> Result.parse("result\tpytorch\tonly-three"));
        assertTrue(e.getMessage().contains("only-three"), e.getMessage());
    }

    @Test
    void ratioIsPeerTimeOverOptSearchTimeAndTargetsAreChecked() {
        String table = ResultsTable.render(List.of(
                result("optsearch", "mlp-64-64-10", 1, 0.02),
                result("djl", "mlp-64-64-10", 1, 0.10),
                result("pytorch", "mlp-64-64-10", 1, 0.05)));
        assertTrue(table.contains("**5.00**"), table);
        assertTrue(table.contains("**2.50**"), table);
        assertTrue(table.contains("| OptSearch ≥ 4x faster than DJL on mlp-64-64-10 | 5.00x | yes |"), table);
        assertTrue(table.contains("| OptSearch ≥ 3x faster than PyTorch on mlp-64-64-10 | 2.50x | no |"), table);
        assertTrue(table.contains("| OptSearch no slower than DJL on charlm-S | not run | — |"), table);
    }

    @Test
    void severalRoundsGiveTheMedianOfTheirMedians() {
        List<Result> rounds = List.of(result("djl", "charlm-S", 1, 7.0), result("djl", "charlm-S", 2, 9.0),
                result("djl", "charlm-S", 3, 6.0));
        assertEquals(7.0, ResultsTable.median(rounds), 1e-12);
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        Timing.Stats s = Timing.Stats.of(new double[] {4, 1, 3, 2, 100}, 4, 1.0);
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(1.3, s.p10(), 1e-12);
        assertEquals(1.0, s.min(), 1e-12);
        assertEquals(4, s.steps());
    }
}
