package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optsearch.search.PoolStatus;
import org.optsearch.search.SearchStatus;

/** The live status line ends with where the evaluations run. */
class StatusLineTest {

    @Test
    void theStatusLineSaysWorkersSlotsInFlightAndRetried() {
        SearchStatus s = new SearchStatus(75, "40-evals", 30, 12, 10, 2, 5, 0.1, 1, 100, 3, 0, 0, 0, 1.02, Double.NaN,
                Double.NaN, 0.9);
        String line = StatusLine.format(s, new PoolStatus(2, 3, 1, 4));
        assertTrue(line.startsWith("[01:15 / 40-evals] generated 30, evaluated 12"), line);
        assertTrue(line.endsWith("| workers 2, slots 3, in flight 1, retried 4 "), line);
    }

    @Test
    void beforeTheFirstResultTheBestFitnessIsADash() {
        SearchStatus s = new SearchStatus(15, "20-evals", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
        String line = StatusLine.format(s);
        assertTrue(line.contains("| best A -  B -  C - "), line);
    }

    @Test
    void onceTheBudgetIsSpentTheLineSaysItWaitsForTheEvaluationsInFlight() {
        SearchStatus s = new SearchStatus(7300, "2h", 829, 392, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.14, 1.04, 0.99, 0.9);
        String waiting = StatusLine.format(s, new PoolStatus(1, 2, 2, 0), true);
        assertTrue(waiting.endsWith(
                "| budget spent: waiting for the 2 evaluation(s) in flight (Ctrl-C stops without them) "), waiting);
        assertFalse(StatusLine.format(s, new PoolStatus(1, 2, 2, 0), false).contains("budget spent"));
        assertFalse(StatusLine.format(s, new PoolStatus(1, 2, 0, 0), true).contains("budget spent"));
    }
}
