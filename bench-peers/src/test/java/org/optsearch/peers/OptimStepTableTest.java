package org.optsearch.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptimStepTableTest {

    private static Result result(String impl, int round, double median) {
        return new Result(impl, "step-10000000", round, new Timing.Stats(30, median, median * 0.9, median * 1.2,
                median * 0.8, 1.0), 0, 0, 10_000_000);
    }

    @Test
    void ratiosAreAgainstOurLionAndTheAdapterAndTargetsAreJudged() {
        String table = OptimStepTable.render(List.of(result("optsearch-lion", 1, 5), result("adapter-lion", 1, 20),
                result("djl-adam", 1, 100), result("pytorch-adamw", 1, 12)));
        assertTrue(table.contains("| djl-adam: DJL Adam (Optimizer.adam().update) | 100.00 [90.00–120.00] | 10.00 |"
                + " 20.00 | 5.00 | 1.00 |"), table);
        assertTrue(table.contains("| optsearch-lion ≥ 3x faster than pytorch-adamw | 2.40x | no |"), table);
        assertTrue(table.contains("| optsearch-lion ≥ 3x faster than djl-adam | 20.00x | yes |"), table);
        assertTrue(table.contains("| adapter-lion no slower than djl-adam | 5.00x | yes |"), table);
    }

    @Test
    void roundsTakeTheMedianAndMissingRowsAreNotRun() {
        String table = OptimStepTable.render(List.of(result("optsearch-lion", 1, 4), result("optsearch-lion", 2, 6),
                result("optsearch-lion", 3, 5)));
        assertTrue(table.contains("| optsearch-lion: OptSearch Lion on float[] (Optimizers.lion) | 5.00 "), table);
        assertEquals(3, table.split("\\| not run \\| — \\|", -1).length - 1, table);
    }
}
