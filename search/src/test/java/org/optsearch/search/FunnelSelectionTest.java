package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.train.run.TrainResult;

class FunnelSelectionTest {
    private static final double NA = Double.NaN;
    private static final double FAILED = TrainResult.FAILED;
    private static final Program P = Program.parse("def train(w, g, lr):\n  u = g * lr\n  return u\n");

    private static Finalist f(String name, double a, double b, double c) {
        return new Finalist(name, P, a, b, c, List.of(), List.of());
    }

    private static String chosen(Finalist start, Finalist... candidates) {
        FunnelSelection.Result r = FunnelSelection.choose(List.of(candidates), start);
        return r.finalist().name() + "@" + r.stage();
    }

    @Test
    void theHighestStageReachedWinsOverABetterProxyScore() {
        assertEquals("x@C", chosen(f("start", 1, 1, 1), f("a-star", 1.3, NA, NA), f("x", 1.02, 1.01, 1.04)));
    }

    @Test
    void aProgramThatFailedALaterStageIsNeverTheResult() {
        assertEquals("start@C", chosen(f("start", 1, 1, 1), f("diverges-on-B", 1.26, FAILED, NA)));
        assertEquals("start@C", chosen(f("start", 1, 1, 1), f("diverges-on-C", 1.1, 1.05, FAILED)));
    }

    @Test
    void withoutACandidateThatBeatsTheStartUpTheFunnelTheStartProgramStands() {
        assertEquals("start@C", chosen(f("start", 1, 1, 1), f("only-A", 1.2, NA, NA), f("worse-on-C", 1.1, 1.02, 0.97)));
    }

    @Test
    void onTheSameStageTheHigherFitnessWins() {
        assertEquals("y@B", chosen(f("start", 1, 1, NA), f("x", 1.2, 1.01, NA), f("y", 1.05, 1.03, NA)));
    }

    @Test
    void aStageTheStartProgramCouldNotBeScoredOnCountsForNobody() {
        // stage B skipped (no reference): the start program is failed there, candidates are not scored there
        assertEquals("x@C", chosen(f("start", 1, FAILED, 1), f("x", 1.1, NA, 1.02)));
        // no stages B and C at all: stage A decides
        assertEquals("x@A", chosen(f("start", 1, NA, NA), f("x", 1.1, NA, NA)));
    }
}
