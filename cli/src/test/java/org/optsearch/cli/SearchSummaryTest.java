package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.search.Finalist;
import org.optsearch.search.FunnelSelection;

/** The summary says when the result steps at a constant size, ignoring the schedule it is given. */
class SearchSummaryTest {

    /** A result ahead of the start program by less than the start program's seed-to-seed spread is a tie. */
    @Test
    void aDifferenceBelowTheStartProgramsSeedSpreadIsCalledATie() {
        Program p = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        List<Finalist> finalists = List.of(
                new Finalist("candidate 7", p, 1.1, 1.02, 1.0037, List.of(), List.of(), List.of()),
                new Finalist("adamw.opt" + FunnelSelection.START_SUFFIX, p, 1, 1, 1, List.of(), List.of(), List.of()),
                new Finalist("lion.opt", p, 0.9, 0.95, 0.9584, List.of(), List.of(), List.of()));
        FunnelSelection.Result result = FunnelSelection.choose(finalists);
        assertEquals("candidate 7", result.finalist().name());
        String measured = SearchSummary.against(result, finalists, 0.007);
        assertTrue(measured.contains("adamw.opt" + FunnelSelection.START_SUFFIX + " 1.0000 (tied: within the seed "
                + "spread)"), measured);
        assertTrue(measured.contains("lion.opt 0.9584 (ahead)"), measured);
        assertTrue(measured.contains("seed-to-seed spread on stage C: sd 0.0070"), measured);
        String unmeasured = SearchSummary.against(result, finalists, Double.NaN);
        assertTrue(unmeasured.contains("1.0000 (ahead)") && !unmeasured.contains("spread"), unmeasured);
    }

    @Test
    void aProgramThatNeverReadsItsLearningRateIsNamedSo() {
        assertTrue(SearchSummary.readsLearningRate(Program.parse("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  lr = lr * 0.01
                  update = m * lr
                  return update, m
                """)));
        assertFalse(SearchSummary.readsLearningRate(Program.parse("""
                def train(w, g, m, v, lr):
                  m = interp(g, m, 0.9)
                  update = m * 0.003
                  return update, m, v
                """)), "constant step");
        assertFalse(SearchSummary.readsLearningRate(Program.parse("""
                def train(w, g, lr):
                  unused = lr * 2.0
                  update = g * 0.01
                  return update
                """)), "read only by a dead statement");
    }
}
