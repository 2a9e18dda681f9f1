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

    /** The order in which a search's programs go to the finale: up the funnel first, then by stage A. */
    @Test
    void theFinalesOrderPutsWhatPassedLaterStagesFirst() {
        Program q = Program.parse("def train(w, g, lr):\n  u = g * lr\n  return u\n");
        java.util.function.Function<double[], SearchResult.Entry> e = x -> new SearchResult.Entry(
                new Candidate((long) x[0], 0, q, "h" + x[0], 0, Change.of(Change.Kind.MODIFY, "t"), 0),
                x[1], NA, x[2], x[3], 1.0);
        List<SearchResult.Entry> entries = List.of(
                e.apply(new double[] {1, 1.40, FAILED, NA}), // best on A, failed B
                e.apply(new double[] {2, 1.30, NA, NA}), // not tried on B
                e.apply(new double[] {3, 1.05, 1.02, NA}), // passed B, C not tried
                e.apply(new double[] {4, 1.02, 1.01, 1.03}), // passed C
                e.apply(new double[] {5, 1.10, 1.04, 0.98}), // lost on C
                e.apply(new double[] {6, 1.20, NA, NA}),
                e.apply(new double[] {7, 1.01, 1.03, 1.01})); // passed C, less
        List<Long> order = entries.stream().sorted(SearchResult.Entry.FUNNEL_ORDER)
                .map(x -> x.candidate().id()).toList();
        assertEquals(List.of(4L, 7L, 3L, 2L, 6L, 1L, 5L), order);
    }
}
