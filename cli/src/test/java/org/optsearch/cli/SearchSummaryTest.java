package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;

/** The summary says when the result steps at a constant size, ignoring the schedule it is given. */
class SearchSummaryTest {

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
