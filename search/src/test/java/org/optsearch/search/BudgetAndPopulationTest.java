package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

class BudgetAndPopulationTest {

    @ParameterizedTest
    @CsvSource({"90s,PT1M30S,0", "10m,PT10M,0", "2h,PT2H,0", "1d,PT24H,0", "500-evals,,500"})
    void budgetsParse(String text, String time, long evaluations) {
        Budget b = Budget.parse(text);
        assertEquals(time == null ? null : Duration.parse(time), b.time());
        assertEquals(evaluations, b.evaluations());
    }

    @ParameterizedTest
    @CsvSource({"10", "0m", "-5m", "ten-evals", "5x", "''"})
    void badBudgetsAreRejectedWithTheForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Budget.parse(text));
        assertTrue(e.getMessage().contains("N-evals"), e.getMessage());
    }

    private static Candidate candidate(long id) {
        Program p = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        return new Candidate(id, -1, p, Analysis.of(p).hash(), 0, Change.of(Change.Kind.RANDOM, "test"), 0);
    }

    @Test
    void theOldestMemberLeavesWhenAChildJoins() {
        Population p = new Population(3, 2);
        for (long i = 1; i <= 3; i++) {
            assertNull(p.add(new SearchState.Member(candidate(i), i)));
        }
        assertEquals(1, p.add(new SearchState.Member(candidate(4), 0.5)).candidate().id());
        assertEquals(3, p.size());
    }

    @Test
    void aTournamentOfTheWholePopulationPicksTheBest() {
        Population p = new Population(4, 4);
        double[] fitness = {0.2, 0.9, 0.1, 0.5};
        for (int i = 0; i < 4; i++) {
            p.add(new SearchState.Member(candidate(i), fitness[i]));
        }
        SplittableRandom rnd = new SplittableRandom(1);
        int bestPicked = 0;
        for (int i = 0; i < 200; i++) {
            bestPicked += p.select(rnd).fitness() == 0.9 ? 1 : 0;
        }
        assertTrue(bestPicked > 120, "drawing 4 with replacement finds the best most of the time: " + bestPicked);
    }

    @Test
    void theFingerprintSeesAlgebraThatTheHashDoesNot() {
        Program twice = Program.parse("def train(w, g, lr):\n  d = g + g\n  update = d * lr\n  return update\n");
        Program doubled = Program.parse("def train(w, g, lr):\n  d = g * 2.0\n  update = d * lr\n  return update\n");
        Program other = Program.parse("def train(w, g, lr):\n  d = g * 2.5\n  update = d * lr\n  return update\n");
        assertNotEquals(Analysis.of(twice).hash(), Analysis.of(doubled).hash());
        assertEquals(Fingerprint.of(twice), Fingerprint.of(doubled));
        assertNotEquals(Fingerprint.of(doubled), Fingerprint.of(other));
    }

    @Test
    void theFingerprintSeparatesNearbyLearningRates() {
        Program a = Program.parse("def train(w, g, lr):\n  lr = lr * 0.001\n  update = g * lr\n  return update\n");
        Program b = Program.parse("def train(w, g, lr):\n  lr = lr * 0.0011\n  update = g * lr\n  return update\n");
        assertNotEquals(Fingerprint.of(a), Fingerprint.of(b));
    }
}
