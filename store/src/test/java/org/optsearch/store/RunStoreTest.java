package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.search.Candidate;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.SearchStatus;
import org.optsearch.search.StageName;
import org.optsearch.train.run.TrainResult;

class RunStoreTest {
    @TempDir
    Path dir;

    static long count(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    static String text(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    @Test
    void aNewStoreIsPlainSqlWithTheMetaTableAndTheRunRow() throws Exception {
        Path file = dir.resolve("runs/a/x.db");
        SearchConfig config = Fixtures.config(5, 100);
        try (RunStore store = RunStore.create(file, Fixtures.info(config))) {
            store.generated(Fixtures.candidate(0, 0.9), Source.START);
            assertEquals("wal", text(file, "PRAGMA journal_mode"), "written with a write-ahead log");
        }
        assertEquals("delete", text(file, "PRAGMA journal_mode"), "closed: one self-contained file");
        assertEquals("2", text(file, "SELECT value FROM meta WHERE key = 'schema_version'"));
        assertEquals("optsearch test", text(file, "SELECT value FROM meta WHERE key = 'created_by'"));
        assertEquals(1, count(file, "SELECT count(*) FROM program"));
        assertEquals(ConfigJson.write(config), text(file, "SELECT config_json FROM run"));
        assertEquals(42, count(file, "SELECT seed FROM run"));
        assertEquals("EVOLVE 500-evals 5", text(file, "SELECT mode || ' ' || budget || ' ' || population_size FROM run"));
        assertEquals("2025-01-02T03:04:05Z", text(file, "SELECT started FROM run"));
        assertEquals(Fixtures.START.print(), text(file, "SELECT text FROM program_text WHERE id = 0"));
        assertEquals(Fixtures.START.print().lines().count() + 1, count(file, "SELECT count(*) FROM line"),
                "each line once, the empty one after the last newline included");
        assertEquals("START", text(file, "SELECT name FROM source WHERE code = (SELECT source FROM program)"));
        assertTrue(count(file, "SELECT ended_ms FROM session WHERE id = 1") > 0, "a clean close is recorded");
        assertEquals("evaluation_program", text(file, "SELECT group_concat(name) FROM sqlite_master"
                + " WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'"), "no index a search does not need");
    }

    @Test
    void everyKindOfEventBecomesRowsInOneSequence() throws Exception {
        Path file = dir.resolve("x.db");
        Candidate start = Fixtures.candidate(0, 0.9);
        Candidate child = Fixtures.candidate(1, 0.8);
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            store.generated(start, Source.START);
            store.populationChanged(start, 1.0, null);
            store.generated(child, Source.EVALUATED);
            store.evaluated(child, StageName.A, Fixtures.score(1.25), 3, 0.5);
            store.populationChanged(child, 1.25, null);
            store.restarted(child, 1);
            store.problem(child, "evaluation on stage B failed: boom");
            store.problem(null, "no candidate");
            store.recordStatus(new SearchStatus(1.5, "500-evals", 1, 1, 0, 0, 3, 0.0, 0, 0, 0, 0, 0, 1, 1.25,
                    Double.NaN, Double.NaN, 1.1));
        }
        assertEquals(9, count(file, "SELECT max(seq) FROM (SELECT seq FROM program UNION ALL SELECT seq FROM evaluation"
                + " UNION ALL SELECT seq FROM population_event UNION ALL SELECT seq FROM restart"
                + " UNION ALL SELECT seq FROM problem UNION ALL SELECT seq FROM status)"));
        assertEquals(0, count(file, "SELECT parent IS NULL FROM program WHERE id = 1"));
        assertEquals(1, count(file, "SELECT parent IS NULL FROM program WHERE id = 0"));
        assertEquals("EVALUATED", text(file, "SELECT source FROM program_text WHERE id = 1"));
        assertEquals("2 1.0 5 1.25", text(file, "SELECT group_concat(seq || ' ' || fitness, ' ')"
                + " FROM population_event"), "both joins, each on its program's row");
        assertEquals(0, count(file, "SELECT count(*) FROM population_rejoin"));
        assertEquals(4, count(file, "SELECT seq FROM evaluation WHERE program_id = 1 AND stage = 'A' AND worker = 3"));
        assertEquals("[[0,2.3,2.31,0.1],[50,1.1,null,0.6],[100,0.5,0.52,0.85]]",
                text(file, "SELECT curve_json FROM task_result WHERE evaluation_seq = 4"));
        assertEquals(3, count(file, "SELECT count(*) FROM json_each((SELECT curve_json FROM task_result))"));
        assertEquals(1, count(file, "SELECT count(*) FROM restart WHERE best_program_id = 1"));
        assertEquals(1, count(file, "SELECT count(*) FROM problem WHERE program_id IS NULL"));
        assertEquals(3, count(file, "SELECT invalid FROM status"));
        assertEquals("1.25", text(file, "SELECT fitness_a FROM program_fitness WHERE id = 1"));
        assertNull(text(file, "SELECT best_b FROM status"), "NaN is NULL");
    }

    @Test
    void failedFitnessIsMinusInfinityAndNaNComesBackAsNaN() throws Exception {
        Path file = dir.resolve("x.db");
        Candidate c = Fixtures.candidate(1, 0.5);
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            store.generated(c, Source.EVALUATED);
            store.evaluated(c, StageName.A, Fixtures.hurdle(80), 0, 0.1);
        }
        try (StoredRun run = RunStore.open(file)) {
            StoredEvaluation e = run.evaluations(1).get(0);
            assertTrue(e.failed());
            assertEquals(80, e.savedSteps());
            TrainResult r = e.results().get(0);
            assertEquals(TrainResult.FAILED, r.fitness());
            assertTrue(Double.isNaN(r.valAccuracy()));
            assertTrue(Double.isNaN(r.curve().get(0).valAccuracy()));
            assertEquals(9.5, r.curve().get(0).valLoss());
        }
        assertEquals("-Inf", text(file, "SELECT CAST(fitness AS TEXT) FROM evaluation").substring(0, 4));
    }

    @Test
    void eventsWaitInTheQueueUntilABatchIsWrittenAndFlushWaitsForThem() throws Exception {
        Path file = dir.resolve("x.db");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            for (int i = 1; i <= 2500; i++) {
                store.problem(null, "event " + i);
            }
            store.flush();
            assertEquals(2500, count(file, "SELECT count(*) FROM problem"), "a reader sees what flush committed");
            try (StoredRun live = RunStore.open(file)) {
                assertEquals(2500, live.problems().size(), "the store can be read while it is being written");
            }
            store.problem(null, "one more");
        }
        assertEquals(2501, count(file, "SELECT count(*) FROM problem"), "close writes the rest");
        assertEquals(2501, count(file, "SELECT max(seq) FROM problem"));
    }

    @Test
    void concurrentListenerCallsLoseNothing() throws Exception {
        Path file = dir.resolve("x.db");
        int threads = 8;
        int perThread = 5000;
        CountDownLatch go = new CountDownLatch(1);
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long base = (t + 1) * 1_000_000L;
                Thread th = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < perThread; i++) {
                        Candidate c = Fixtures.candidate(base + i, base, Fixtures.START, base + i);
                        store.generated(c, Source.HASH_CACHE);
                        store.populationChanged(c, 1.0, null);
                        if (i % 10 == 0) {
                            store.evaluated(c, StageName.A, Fixtures.score(1.0), 0, 0.01);
                        }
                    }
                });
                ts.add(th);
                th.start();
            }
            go.countDown();
            for (Thread th : ts) {
                th.join();
            }
        }
        int events = threads * perThread * 2 + threads * perThread / 10;
        assertEquals(threads * perThread, count(file, "SELECT count(*) FROM program"));
        assertEquals(threads * perThread, count(file, "SELECT count(*) FROM population_event"));
        assertEquals(threads * perThread / 10, count(file, "SELECT count(*) FROM task_result"));
        assertEquals(events, count(file, "SELECT count(DISTINCT seq) FROM (SELECT seq FROM program UNION ALL "
                + "SELECT seq FROM population_event UNION ALL SELECT seq FROM evaluation)"));
        assertEquals(events, count(file, "SELECT max(seq) FROM (SELECT seq FROM program UNION ALL "
                + "SELECT seq FROM population_event UNION ALL SELECT seq FROM evaluation)"), "no gaps");
    }

    @Test
    void aFailedWriteIsThrownFromTheNextCallWithTheFileName() throws Exception {
        Path file = dir.resolve("x.db");
        RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)));
        store.problem(null, "before");
        store.flush();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = other.createStatement()) {
            s.execute("CREATE TRIGGER fail BEFORE INSERT ON problem BEGIN SELECT RAISE(ABORT, 'simulated disk "
                    + "failure'); END");
        }
        store.problem(null, "this one cannot be written");
        StoreException e = assertThrows(StoreException.class, store::flush);
        assertTrue(e.getMessage().startsWith("cannot write the run store " + file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("simulated disk failure"), e.getMessage());
        assertTrue(store.failure() != null);
        StoreException next = assertThrows(StoreException.class, () -> store.problem(null, "after"));
        assertEquals(e.getMessage(), next.getMessage(), "every later call says the same");
        assertThrows(StoreException.class, store::close);
        assertEquals(1, count(file, "SELECT count(*) FROM problem"), "the failed batch is rolled back");
    }

    @Test
    void aClosedStoreRefusesEvents() {
        RunStore store = RunStore.create(dir.resolve("x.db"), Fixtures.info(Fixtures.config(2, 0)));
        store.close();
        store.close();
        StoreException e = assertThrows(StoreException.class, () -> store.problem(null, "late"));
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    @Test
    void finishRecordsTheEndAndAFinalStatus() throws Exception {
        Path file = dir.resolve("x.db");
        Candidate start = Fixtures.candidate(0, 0.9);
        SearchStatus status = new SearchStatus(9.0, "500-evals", 10, 8, 2, 0, 1, 0.1, 0, 0, 0, 1, 0, 0, 1.3, 1.1,
                Double.NaN, 1.05);
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            store.generated(start, Source.START);
            store.finish(new SearchResult(status, List.of(), List.of(
                    new SearchResult.Entry(start, 1.0, Double.NaN, Double.NaN)), List.of()));
        }
        try (StoredRun run = RunStore.open(file)) {
            assertTrue(run.finished().isPresent());
            assertTrue(run.summaryJson().orElseThrow().contains("\"bestC\":null"), run.summaryJson().orElseThrow());
            StoredRun.StatusPoint last = run.statusSeries().get(0);
            assertTrue(last.last());
            assertEquals(status, last.status());
        }
    }

    @Test
    void anAppendedStoreContinuesTheSequenceAndRecordsItsSession() throws Exception {
        Path file = dir.resolve("x.db");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            store.generated(Fixtures.candidate(0, 0.9), Source.START);
            store.problem(null, "first session");
        }
        try (RunStore store = RunStore.openForAppend(file, "optsearch resume x.db")) {
            store.generated(Fixtures.candidate(0, 0.9), Source.START); // reported again: the first row stands
            store.problem(null, "second session");
        }
        assertEquals(4, count(file, "SELECT seq FROM problem WHERE what = 'second session'"));
        assertEquals(3, count(file, "SELECT first_seq FROM session WHERE id = 2"));
        assertEquals("optsearch resume x.db", text(file, "SELECT command_line FROM session WHERE id = 2"));
        assertEquals(1, count(file, "SELECT count(*) FROM program"));
        assertFalse(Files.exists(dir.resolve("x.db-wal")), "a clean close leaves no log behind");
    }

    @Test
    void theEndOfSearchComparisonIsRecordedAndReadBack() throws Exception {
        Path file = dir.resolve("f.db");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(5, 100)))) {
            store.generated(Fixtures.candidate(0, 0.9), Source.START);
        }
        try (StoredRun run = RunStore.open(file)) {
            assertTrue(run.finalists().isEmpty(), "no finale recorded yet");
        }
        TrainResult b = new TrainResult("digits-mlp:M", "x", 40, 0.5, 0.9, 0.9, null, 1.5,
                List.of(new TrainResult.Point(20, 1.0, 0.8, 0.7), new TrainResult.Point(40, 0.6, 0.5, 0.9)));
        List<org.optsearch.search.Finalist> finale = List.of(
                new org.optsearch.search.Finalist("candidate 7 (greedy: 9 -> 6 statements)", Fixtures.program(0.8),
                        1.2, 1.1, Double.NaN, List.of(b), List.of()),
                new org.optsearch.search.Finalist("lion.opt (shipped defaults)", Fixtures.program(0.7), 0.9,
                        Double.NaN, Double.NaN, List.of(), List.of()));
        RunStore.recordFinale(file, finale);
        RunStore.recordFinale(file, finale); // again: replaced, not added
        assertEquals("delete", text(file, "PRAGMA journal_mode"), "still one self-contained file");
        try (StoredRun run = RunStore.open(file)) {
            List<org.optsearch.search.Finalist> back = run.finalists();
            assertEquals(2, back.size());
            assertEquals(finale.get(0).name(), back.get(0).name());
            assertEquals(finale.get(0).program(), back.get(0).program());
            assertEquals(1.1, back.get(0).fitnessB());
            assertTrue(Double.isNaN(back.get(0).fitnessC()));
            assertEquals(b.curve(), back.get(0).trainedB().get(0).curve());
            assertEquals("digits-mlp:M", back.get(0).trainedB().get(0).task());
            assertTrue(back.get(1).trainedB().isEmpty());
        }
    }
}
