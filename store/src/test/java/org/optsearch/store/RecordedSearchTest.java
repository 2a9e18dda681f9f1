package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Mode;
import org.optsearch.search.ResumeState;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchResult;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.train.task.Tasks;

/** A real search recorded by the store: what the store rebuilds is the engine's own state. */
class RecordedSearchTest {
    /** Plain SGD with a small step: easy to improve on, so promotions and restarts happen. */
    private static final Program SLOW_SGD = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              lr = lr * 0.01
              update = m * lr
              return update, m
            """);

    @TempDir
    Path dir;

    private static SearchConfig config(int evaluations) {
        return new SearchConfig(Mode.EVOLVE, 8, 2, new Budget(null, evaluations), 1, SLOW_SGD, "slow_sgd",
                List.of("breast-cancer-mlp:S"), List.of("breast-cancer-mlp:M"), List.of(), 0.2, 2.0, 6,
                MutationConfig.defaults(), 11, Duration.ofMinutes(1), false);
    }

    /** Compares what resume needs; MetaPoint seconds differ (engine clock vs. wall clock) and are left out. */
    private static void assertSameState(ResumeState engine, ResumeState stored) {
        assertEquals(engine.population().stream().map(m -> m.candidate().id() + ":" + m.fitness()).toList(),
                stored.population().stream().map(m -> m.candidate().id() + ":" + m.fitness()).toList(), "population");
        assertEquals(engine.population().stream().map(m -> m.candidate().program()).toList(),
                stored.population().stream().map(m -> m.candidate().program()).toList(), "programs");
        assertEquals(engine.byHash(), stored.byHash(), "hash cache");
        assertEquals(engine.byFingerprint(), stored.byFingerprint(), "fingerprint cache");
        assertEquals(engine.counters(), stored.counters(), "counters");
        assertEquals(engine.scored().stream().map(e -> e.candidate().id() + " " + e.fitnessA() + " " + e.fitnessB()
                + " " + e.fitnessC()).toList(), stored.scored().stream().map(e -> e.candidate().id() + " "
                + e.fitnessA() + " " + e.fitnessB() + " " + e.fitnessC()).toList(), "scored");
        assertEquals(engine.meta().stream().map(p -> p.evaluated() + " " + p.candidate() + " " + p.fitnessA() + " "
                + p.fitnessB()).toList(), stored.meta().stream().map(p -> p.evaluated() + " " + p.candidate() + " "
                + p.fitnessA() + " " + p.fitnessB()).toList(), "meta-validation");
    }

    @Test
    void theStoredResumePointIsTheEnginesSnapshot() {
        Path file = dir.resolve("runs/search.db");
        SearchConfig config = config(14);
        SearchEngine engine;
        SearchResult result;
        try (RunStore store = RunStore.create(file, RunInfo.of(config, "test"))) {
            engine = new SearchEngine(config, Tasks::resolve, store, System::nanoTime);
            result = engine.run();
            store.finish(result);
        }
        try (StoredRun run = RunStore.open(file)) {
            ResumePoint point = run.resumePoint();
            assertTrue(point.finished());
            assertEquals(result.status().generated(), point.maxProgramId());
            assertTrue(point.counters().evaluatedB() > 0 && point.counters().restarts() > 0
                    && point.counters().hurdleStops() > 0, "stage B, restarts and hurdles all happen: " + result.status());
            assertSameState(engine.snapshot(), point.toResumeState());
            assertEquals(result.status().bestA(), point.best().fitness());
            assertEquals(config, run.config());
        }
    }

    @Test
    void aResumedSearchAppendsAndStaysReplayable() {
        Path file = dir.resolve("search.db");
        SearchConfig config = config(8);
        try (RunStore store = RunStore.create(file, RunInfo.of(config, "test"))) {
            store.finish(new SearchEngine(config, Tasks::resolve, store, System::nanoTime).run());
        }
        ResumeState state;
        try (StoredRun run = RunStore.open(file)) {
            state = run.resumePoint().toResumeState();
        }
        SearchEngine second;
        try (RunStore store = RunStore.openForAppend(file, "test resume")) {
            second = new SearchEngine(config, Tasks::resolve, store, System::nanoTime, state);
            store.finish(second.run());
        }
        try (StoredRun run = RunStore.open(file)) {
            ResumePoint point = run.resumePoint();
            assertEquals(16, point.counters().evaluated(), "8, then 8 more");
            ResumeState engine = second.snapshot();
            assertEquals(engine.population().stream().map(m -> m.candidate().id()).toList(),
                    point.population().stream().map(m -> m.program().id()).toList());
            assertEquals(engine.byHash(), point.fitnessByHash());
            assertEquals(engine.counters(), point.toResumeState().counters());
        }
    }
}
