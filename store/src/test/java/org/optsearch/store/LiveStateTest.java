package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Candidate;
import org.optsearch.search.Score;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchState;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.search.StageName;
import org.optsearch.train.task.Tasks;

/**
 * The state a run store rebuilds is the live engine's, field by field: a seeded search on a small task,
 * with all three stages, hurdles and plateau restarts, is stopped at several points (as Ctrl-C stops it),
 * and what the store gives back after each is compared with the engine's own state there.
 */
class LiveStateTest {
    private static final Program SLOW_SGD = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              lr = lr * 0.01
              update = m * lr
              return update, m
            """);

    @TempDir
    Path dir;

    private static SearchConfig config(int workers) {
        List<String> task = List.of("breast-cancer-mlp:S");
        return SearchConfig.builder().setStart(SLOW_SGD, "slow_sgd").setStageA(task)
                .setBudget(new Budget(null, 40)).optPopulation(8, 2).optWorkers(workers).optStageB(task)
                .optStageC(task).optPromoteFraction(0.25).optHurdleFactor(1.5).optPlateau(6).optSeed(11)
                .optEvaluationLimit(Duration.ofMinutes(1)).build();
    }

    /** Everything resume needs, compared part by part (meta-validation seconds are clock readings: left out). */
    static void assertSameState(SearchState live, SearchState stored) {
        Function<SearchState.Member, String> member = m -> m.candidate().id() + ":" + m.fitness() + " x"
                + m.multiplier();
        assertEquals(live.population().stream().map(member).toList(),
                stored.population().stream().map(member).toList(), "population, oldest first");
        assertEquals(live.population().stream().map(m -> m.candidate().program()).toList(),
                stored.population().stream().map(m -> m.candidate().program()).toList(), "population's programs");
        assertEquals(live.byHash(), stored.byHash(), "hash cache");
        assertEquals(live.multipliers(), stored.multipliers(), "calibrated step-size multipliers");
        assertEquals(live.origin().program(), stored.origin().program(), "the start program as calibrated");
        assertEquals(live.byFingerprint(), stored.byFingerprint(), "fingerprint cache");
        assertEquals(live.counters(), stored.counters(), "counters, plateau count included");
        assertEquals(member.apply(live.best()), member.apply(stored.best()), "best");
        assertEquals(live.bestB(), stored.bestB(), "best on B");
        assertEquals(live.bestC(), stored.bestC(), "best on C");
        assertEquals(live.pending().stream().map(p -> p.candidate().id() + " " + p.stage()).toList(),
                stored.pending().stream().map(p -> p.candidate().id() + " " + p.stage()).toList(),
                "promotions pending");
        assertEquals(live.promoted(), stored.promoted(), "promotions made");
        assertEquals(live.evaluatedFitness(), stored.evaluatedFitness(), "stage-A fitness of every training");
        Function<SearchResult.Entry, String> entry = e -> e.candidate().id() + " " + e.fitnessA() + " "
                + e.fitnessA2() + " " + e.fitnessB() + " " + e.fitnessC() + " x" + e.multiplier();
        assertEquals(live.scored().stream().map(entry).toList(), stored.scored().stream().map(entry).toList(),
                "scored programs");
        Function<SearchResult.MetaPoint, String> point = p -> p.evaluated() + " " + p.candidate() + " "
                + p.fitnessA() + " " + p.fitnessB();
        assertEquals(live.meta().stream().map(point).toList(), stored.meta().stream().map(point).toList(),
                "meta-validation curve");
    }

    /** Runs the search into a store, stopping it after {@code stopAfter} stage-A results; the engine's state then. */
    private SearchState runAndStop(Path file, SearchConfig config, int stopAfter) {
        AtomicReference<SearchEngine> engine = new AtomicReference<>();
        AtomicInteger onA = new AtomicInteger();
        try (RunStore store = RunStore.create(file, RunInfo.of(config, "test"))) {
            SearchListener stopping = new SearchListener() {
                @Override
                public void generated(Candidate c, Source source) {
                    store.generated(c, source);
                }

                @Override
                public void evaluated(Candidate c, StageName stage, Score score, int worker, double seconds) {
                    store.evaluated(c, stage, score, worker, seconds);
                    if (stage == StageName.A && onA.incrementAndGet() == stopAfter) {
                        engine.get().stop(); // as Ctrl-C does: the workers finish what they are doing
                    }
                }

                @Override
                public void populationChanged(Candidate added, double fitness, Candidate removed) {
                    store.populationChanged(added, fitness, removed);
                }

                @Override
                public void restarted(Candidate best, long generated) {
                    store.restarted(best, generated);
                }
            };
            engine.set(new SearchEngine(config, Tasks::resolve, stopping, System::nanoTime));
            engine.get().run();
            store.recordStatus(engine.get().status());
        }
        return engine.get().state();
    }

    @Test
    void theStoreRebuildsTheLiveStateWhereverTheRunStopped() {
        boolean sawPending = false;
        boolean sawPlateau = false;
        for (int stopAfter : new int[] {1, 6, 17, 40}) {
            Path file = dir.resolve("stop-" + stopAfter + ".db");
            SearchState live = runAndStop(file, config(1), stopAfter);
            try (StoredRun run = RunStore.open(file)) {
                SearchState stored = run.resumePoint().state();
                assertSameState(live, stored);
            }
            sawPending |= !live.pending().isEmpty();
            sawPlateau |= live.counters().sinceImprovement() > 0;
            assertEquals(stopAfter, live.counters().evaluated());
            if (stopAfter == 40) {
                SearchState.Counters k = live.counters();
                assertTrue(k.restarts() > 0 && k.hurdleStops() > 0 && k.evaluatedB() > 0 && k.evaluatedC() > 0
                        && k.hashHits() > 0 && k.invalid() > 0, "every part of the state is exercised: " + k);
            }
        }
        assertTrue(sawPending, "some stop leaves promotions pending");
        assertTrue(sawPlateau, "some stop falls inside a plateau");
    }

    /**
     * With calibration (every stage-A training picks a step-size multiplier), recalibration on B and
     * confirmation (a promotion waits for stage A2, the next seed): the store keeps each evaluation's
     * multiplier and the A2 results, and
     * gives back the same population of calibrated programs, caches and promotions.
     */
    @Test
    void calibratedAndConfirmedRunsAreRebuiltToo() {
        SearchConfig calibrated = config(1).toBuilder().optCalibration(Calibration.Plan.halfDecades(3, 2))
                .optConfirm(true).optRecalibration(Calibration.Plan.halfDecades(3, 2))
                .setBudget(new Budget(null, 16)).build();
        Path file = dir.resolve("calibrated.db");
        SearchState live = runAndStop(file, calibrated, 16);
        try (StoredRun run = RunStore.open(file)) {
            assertSameState(live, run.resumePoint().state());
            assertTrue(run.evaluations().stream().anyMatch(e -> e.stage() == StageName.A2),
                    "some promotion was confirmed on A2");
        }
        assertTrue(live.multipliers().values().stream().anyMatch(k -> k != 1.0), "calibration moved some program: "
                + live.multipliers());
        assertTrue(live.scored().stream().anyMatch(e -> e.multiplier() != 1.0
                && !e.program().equals(e.candidate().program())), "a calibrated program is scored with its multiplier "
                + "folded in");
        assertTrue(live.scored().stream().anyMatch(e -> !Double.isNaN(e.fitnessB()) && !Double.isNaN(e.multiplierB())),
                "a program scored on B carries the multiplier B recalibrated it to");
    }

    @Test
    void withTwoWorkersTheStoreStillRecordsTheOrderTheStateSawEventsIn() {
        Path file = dir.resolve("two.db");
        SearchState live = runAndStop(file, config(2), 20);
        try (StoredRun run = RunStore.open(file)) {
            assertSameState(live, run.resumePoint().state());
        }
    }
}
