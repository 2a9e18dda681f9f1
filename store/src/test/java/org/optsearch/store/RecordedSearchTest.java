package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Candidate;
import org.optsearch.search.Change;
import org.optsearch.search.Score;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchState;
import org.optsearch.search.StageName;
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
        return SearchConfig.builder().setStart(SLOW_SGD, "slow_sgd").setStageA(List.of("breast-cancer-mlp:S"))
                .setBudget(new Budget(null, evaluations)).optPopulation(8, 2).optStageB(List.of("breast-cancer-mlp:M"))
                .optPromoteFraction(0.2).optHurdleFactor(2.0).optPlateau(6).optSeed(11)
                .optEvaluationLimit(Duration.ofMinutes(1)).build();
    }

    @Test
    void theStoredResumePointIsTheEnginesSnapshot() {
        Path file = dir.resolve("runs/search.db");
        SearchConfig config = config(20);
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
            assertEquals(result.status().generated(), point.counters().generated());
            assertTrue(point.counters().evaluatedB() > 0 && point.counters().restarts() > 0
                    && point.counters().hurdleStops() > 0, "stage B, restarts and hurdles all happen: " + result.status());
            LiveStateTest.assertSameState(engine.state(), point.state());
            assertEquals(result.status().bestA(), point.state().best().fitness());
            assertEquals(config, run.config());
        }
    }

    /** Passes every event on to the store and keeps each program as the search generated it. */
    private static final class Recording implements SearchListener {
        final RunStore store;
        final Map<Long, Candidate> generated = new ConcurrentHashMap<>();
        final Map<Long, Source> sources = new ConcurrentHashMap<>();

        Recording(RunStore store) {
            this.store = store;
        }

        @Override
        public void generated(Candidate candidate, Source source) {
            generated.put(candidate.id(), candidate);
            sources.put(candidate.id(), source);
            store.generated(candidate, source);
        }

        @Override
        public void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
            store.evaluated(candidate, stage, score, worker, seconds);
        }

        @Override
        public void populationChanged(Candidate added, double fitness, Candidate removed) {
            store.populationChanged(added, fitness, removed);
        }

        @Override
        public void restarted(Candidate best, long generated) {
            store.restarted(best, generated);
        }

        @Override
        public void problem(Candidate candidate, String what) {
            store.problem(candidate, what);
        }
    }

    @Test
    void everyGeneratedProgramComesBackExactlyFromJavaAndFromSql() throws Exception {
        Path file = dir.resolve("texts.db");
        SearchConfig config = config(40);
        Recording recording;
        try (RunStore store = RunStore.create(file, RunInfo.of(config, "test"))) {
            recording = new Recording(store);
            store.finish(new SearchEngine(config, Tasks::resolve, recording, System::nanoTime).run());
        }
        List<String> fromJava = new ArrayList<>();
        try (StoredRun run = RunStore.open(file)) {
            List<StoredProgram> programs = run.programs();
            assertEquals(recording.generated.size(), programs.size());
            assertTrue(programs.size() > 60, "enough programs to compare: " + programs.size());
            for (StoredProgram p : programs) {
                Candidate c = recording.generated.get(p.id());
                String what = "program " + p.id();
                assertEquals(c.program().print(), p.text(), what);
                assertEquals(c.mutation(), p.mutation(), what);
                assertEquals(c.change(), p.change(), what + ": its kind and the statements its words quote");
                assertEquals(c.hash(), p.hash(), what);
                assertEquals(c.parent(), p.parent(), what);
                assertEquals(c.fingerprint(), p.fingerprint(), what);
                assertEquals(c.length(), p.length(), what);
                assertEquals(c.redundant(), p.redundant(), what);
                assertEquals(recording.sources.get(p.id()), p.source(), what);
                fromJava.add(p.id() + "|" + p.source() + "|" + p.hash() + "|" + p.mutation() + "|" + p.text());
            }
        }
        List<String> fromSql = new ArrayList<>();
        long lines;
        long programLines;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT * FROM program_text ORDER BY id")) {
                while (r.next()) {
                    fromSql.add(r.getLong("id") + "|" + r.getString("source") + "|" + r.getString("hash") + "|"
                            + r.getString("mutation") + "|" + r.getString("text"));
                }
            }
            lines = RunStoreTest.count(file, "SELECT count(*) FROM line");
            programLines = RunStoreTest.count(file, "SELECT sum(json_array_length(lines)) FROM program");
        }
        assertEquals(fromJava, fromSql, "the view program_text gives what the Java reader gives");
        assertTrue(recording.generated.values().stream().anyMatch(c -> c.mutation().contains("'")),
                "mutations that quote statements are among them");
        assertEquals(java.util.EnumSet.of(Change.Kind.START, Change.Kind.INSERT, Change.Kind.DELETE,
                Change.Kind.MODIFY), java.util.EnumSet.copyOf(recording.generated.values().stream()
                        .map(c -> c.change().kind()).toList()), "every kind of an evolving search is recorded");
        assertTrue(lines * 4 < programLines, lines + " distinct lines for " + programLines + " lines of programs");
    }

    /** A run recorded when fitness was accuracy (its config does not name the fitness) is not resumed. */
    @Test
    void aRunRecordedWithAnotherFitnessIsNotAppendedTo() throws Exception {
        Path file = dir.resolve("accuracy.db");
        SearchConfig config = config(2);
        try (RunStore store = RunStore.create(file, RunInfo.of(config, "test"))) {
            store.finish(new SearchEngine(config, Tasks::resolve, store, System::nanoTime).run());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE run SET config_json = json_remove(config_json, '$.fitness')");
        }
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> RunStore.openForAppend(file, "test resume").close());
        assertTrue(e.getMessage().contains("selected on validation accuracy; this version selects on validation loss")
                && e.getMessage().contains("start a new run"), e.getMessage());
        try (StoredRun run = RunStore.open(file)) {
            assertEquals(ConfigJson.OLD_FITNESS, run.fitness(), "still read, listed and reported");
        }
    }

    @Test
    void aResumedSearchAppendsAndStaysReplayable() {
        Path file = dir.resolve("search.db");
        SearchConfig config = config(8);
        try (RunStore store = RunStore.create(file, RunInfo.of(config, "test"))) {
            store.finish(new SearchEngine(config, Tasks::resolve, store, System::nanoTime).run());
        }
        SearchState state;
        try (StoredRun run = RunStore.open(file)) {
            state = run.resumePoint().state();
        }
        SearchEngine second;
        try (RunStore store = RunStore.openForAppend(file, "test resume")) {
            second = new SearchEngine(config, Tasks::resolve, store, System::nanoTime, state);
            store.finish(second.run());
        }
        try (StoredRun run = RunStore.open(file)) {
            ResumePoint point = run.resumePoint();
            assertEquals(16, point.counters().evaluated(), "8, then 8 more");
            LiveStateTest.assertSameState(second.state(), point.state());
        }
    }
}
