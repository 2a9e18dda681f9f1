package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** An entry: candidate id, fitness on A, B and C. */
    private static SearchResult.Entry e(double... x) {
        return new SearchResult.Entry(new Candidate((long) x[0], 0, P, "h" + x[0], 0,
                Change.of(Change.Kind.MODIFY, "t"), 0), x[1], NA, x[2], x[3], 1.0);
    }

    private static SearchResult result(SearchResult.Entry... top) {
        return new SearchResult(null, List.of(), List.of(top), List.of());
    }

    /** Of several runs (--runs), the one whose leader went furthest up the funnel wins, not the best on A. */
    @Test
    void runsAreRankedByTheirLeaderUpTheFunnel() {
        SearchResult bestOnA = result(e(1, 1.40, FAILED, NA), e(2, 1.30, 1.02, 0.99));
        SearchResult passedC = result(e(3, 1.05, 1.01, 1.02), e(4, 1.20, NA, NA));
        SearchResult passedB = result(e(5, 1.25, 1.04, NA));
        assertEquals(3L, passedC.leader().candidate().id());
        assertTrue(passedC.aheadOf(bestOnA) && passedC.aheadOf(passedB) && passedB.aheadOf(bestOnA));
        assertFalse(bestOnA.aheadOf(passedC) || passedB.aheadOf(passedC));
        assertFalse(result().aheadOf(bestOnA));
        assertTrue(bestOnA.aheadOf(result()));
        assertNull(result().leader());
    }

    /** The order in which a search's programs go to the finale: up the funnel first, then by stage A. */
    @Test
    void theFinalesOrderPutsWhatPassedLaterStagesFirst() {
        List<SearchResult.Entry> entries = List.of(
                e(1, 1.40, FAILED, NA), // best on A, failed B
                e(2, 1.30, NA, NA), // not tried on B
                e(3, 1.05, 1.02, NA), // passed B, C not tried
                e(4, 1.02, 1.01, 1.03), // passed C
                e(5, 1.10, 1.04, 0.98), // lost on C
                e(6, 1.20, NA, NA),
                e(7, 1.01, 1.03, 1.01)); // passed C, less
        List<Long> order = entries.stream().sorted(SearchResult.Entry.FUNNEL_ORDER)
                .map(x -> x.candidate().id()).toList();
        assertEquals(List.of(4L, 7L, 3L, 2L, 6L, 1L, 5L), order);
    }
}
