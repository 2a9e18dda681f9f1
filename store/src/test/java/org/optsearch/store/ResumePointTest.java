package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.search.Candidate;
import org.optsearch.search.SearchState;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchStatus;
import org.optsearch.search.StageName;
import org.optsearch.train.run.TrainResult;

/**
 * A small run written event by event, as the engine reports it, with a population of 3 and a plateau of 3:
 * the start program fills it (and, three joins without improvement, restarts it), a trained child, a hash
 * hit and a fingerprint hit push the start out, a failed child pushes out the first and ends a plateau, a
 * restart refills it with the best, and a last hash hit joins.
 */
class ResumePointTest {
    @TempDir
    Path dir;
    Path file;
    long beforeRestart;
    final Candidate start = Fixtures.candidate(0, 0.9);
    final Candidate one = Fixtures.candidate(1, 0.8);
    final Candidate two = Fixtures.hashHit(2, one);
    final Candidate three = Fixtures.candidate(3, 1, Fixtures.program(0.7), one.fingerprint());
    final Candidate four = Fixtures.candidate(4, 0.6);
    final Candidate five = Fixtures.candidate(5, 0.5);
    final Candidate six = Fixtures.hashHit(6, one);

    @BeforeEach
    void record() {
        file = dir.resolve("run.db");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(3, 3)))) {
            store.generated(start, Source.START);
            for (int i = 0; i < 3; i++) {
                store.populationChanged(start, 1.0, null);
            }
            store.restarted(start, 0);
            store.generated(one, Source.EVALUATED);
            store.evaluated(one, StageName.A, Fixtures.score(1.2), 0, 0.3);
            store.populationChanged(one, 1.2, start);
            store.generated(two, Source.HASH_CACHE);
            store.populationChanged(two, 1.2, start);
            store.generated(three, Source.FINGERPRINT_CACHE);
            store.populationChanged(three, 1.2, start);
            store.generated(four, Source.EVALUATED);
            store.evaluated(four, StageName.A, Fixtures.hurdle(100), 0, 0.1);
            store.populationChanged(four, TrainResult.FAILED, one); // event 15
            store.restarted(one, 4);
            store.evaluated(one, StageName.B, Fixtures.score(1.1), 0, 3.0);
            store.generated(five, Source.EVALUATED); // the run stops before its result comes
            store.generated(six, Source.HASH_CACHE);
            store.populationChanged(six, 1.2, one);
            store.recordStatus(new SearchStatus(12.5, "500-evals", 6, 2, 2, 1, 7, 0.1, 1, 100, 1, 1, 0, 1, 1.2, 1.1,
                    Double.NaN, 1.2));
        }
        beforeRestart = 15;
    }

    @Test
    void thePopulationReplaysAsAQueueWithRestarts() {
        try (StoredRun run = RunStore.open(file)) {
            assertEquals(List.of(new StoredRun.Member(1, 1.2), new StoredRun.Member(1, 1.2),
                    new StoredRun.Member(6, 1.2)), run.population(), "a copy of the best left for 6");
            assertEquals(List.of(new StoredRun.Member(2, 1.2), new StoredRun.Member(3, 1.2),
                    new StoredRun.Member(4, TrainResult.FAILED)), run.populationAt(beforeRestart));
            assertEquals(List.of(new StoredRun.Member(0, 1.0), new StoredRun.Member(0, 1.0),
                    new StoredRun.Member(0, 1.0)), run.populationAt(4));
        }
    }

    @Test
    void theResumePointHasTheCachesAsTheEngineKeptThem() {
        try (StoredRun run = RunStore.open(file)) {
            SearchState p = run.resumePoint().state();
            assertEquals(Map.of(start.hash(), 1.0, one.hash(), 1.2, three.hash(), 1.2, four.hash(), TrainResult.FAILED),
                    p.byHash(), "a fingerprint hit adds its hash; a hash hit adds nothing");
            assertEquals(Map.of(start.fingerprint(), 1.0, one.fingerprint(), 1.2, four.fingerprint(), TrainResult.FAILED),
                    p.byFingerprint());
        }
    }

    @Test
    void theResumePointHasTheCountersAndWhatWasLeftUndone() {
        try (StoredRun run = RunStore.open(file)) {
            ResumePoint p = run.resumePoint();
            assertEquals(new SearchState.Counters(6, 3, 2, 2, 1, 7, 7 * 2, 2, 1, 100, 1, 1, 0, 2, 1), p.counters(),
                    "two restarts (the start program's fill was a plateau too); six did not improve on one");
            assertEquals(21, p.lastSeq());
            assertEquals(List.of(5L), p.unevaluated().stream().map(StoredProgram::id).toList());
            SearchState s = p.state();
            assertEquals(1, s.best().candidate().id());
            assertEquals(1.2, s.best().fitness());
            assertEquals(1.1, s.bestB());
            assertEquals(List.of(1.2, TrainResult.FAILED), s.evaluatedFitness());
            assertEquals(List.of("0 B"), s.pending().stream().map(q -> q.candidate().id() + " " + q.stage()).toList(),
                    "the start program's stage-B training is still to do; one's is done");
            assertEquals(12.5, p.elapsedSeconds());
            assertFalse(p.finished());
            assertEquals(ConfigJson.write(Fixtures.config(3, 3)), p.configJson());
            assertEquals(Fixtures.config(3, 3), p.config());
        }
    }

    @Test
    void theResumePointIsTheStateTheEngineGoesOnFrom() {
        try (StoredRun run = RunStore.open(file)) {
            SearchState s = run.resumePoint().state();
            assertEquals(List.of(1L, 1L, 6L), s.population().stream().map(m -> m.candidate().id()).toList());
            assertEquals(one.program(), s.population().get(0).candidate().program(), "parsed back from its text");
            assertEquals(one.hash(), s.population().get(2).candidate().hash());
            assertEquals(List.of("0 1.0 NaN", "1 1.2 1.1", "4 -Infinity NaN"), s.scored().stream()
                    .map(e -> e.candidate().id() + " " + e.fitnessA() + " " + e.fitnessB()).toList());
            List<SearchResult.MetaPoint> meta = s.meta();
            assertEquals(2, meta.size());
            assertEquals(1, meta.get(1).evaluated());
            assertEquals(1, meta.get(1).candidate());
            assertEquals(1.1, meta.get(1).fitnessB(), "the B result of the best on A");
        }
    }

    @Test
    void theProgramFitnessViewShowsCacheHitsWithTheirStoredFitness() throws Exception {
        assertEquals("1.2", RunStoreTest.text(file, "SELECT fitness_a FROM program_fitness WHERE id = 3"));
        assertEquals("1.1", RunStoreTest.text(file, "SELECT fitness_b FROM program_fitness WHERE id = 1"));
        assertEquals("1.0", RunStoreTest.text(file, "SELECT fitness_a FROM program_fitness WHERE id = 0"));
        assertTrue(RunStoreTest.text(file, "SELECT fitness_a FROM program_fitness WHERE id = 5") == null);
    }
}
