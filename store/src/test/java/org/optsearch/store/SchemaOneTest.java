package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.SearchState;

/**
 * A store written by OptSearch before schema 2 ({@code schema1-run.db}: a 30-evaluation search from a slow
 * SGD, population 8, with 12 restarts and two stage-B trainings) is still read, and never added to.
 */
class SchemaOneTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void copy() throws Exception {
        file = dir.resolve("old.db");
        try (InputStream in = SchemaOneTest.class.getResourceAsStream("schema1-run.db")) {
            Files.copy(in, file);
        }
    }

    @Test
    void itsProgramsAreReadAsSchemaOneStoredThem() throws Exception {
        try (StoredRun run = RunStore.open(file)) {
            assertEquals(1, run.schemaVersion());
            List<StoredProgram> programs = run.programs();
            assertEquals(75, programs.size());
            assertEquals(run.config().start().print(), programs.get(0).text());
            assertEquals(Source.START, programs.get(0).source());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT id, hash, mutation, text FROM program ORDER BY id")) {
                for (StoredProgram p : programs) {
                    r.next();
                    assertEquals(r.getString("text"), p.text());
                    assertEquals(r.getString("hash"), p.hash());
                    assertEquals(r.getString("mutation"), p.mutation());
                    Program.parse(p.text());
                }
            }
        }
    }

    @Test
    void itsResumePointReplaysTheRecordedPopulation() throws Exception {
        try (StoredRun run = RunStore.open(file)) {
            ResumePoint p = run.resumePoint();
            assertTrue(p.finished());
            assertEquals(8, p.state().population().size());
            SearchState.Counters k = p.counters();
            assertEquals(new SearchState.Counters(74, 30, 30, 43, 1, k.invalid(), k.statements(), k.redundant(),
                    k.hurdleStops(), k.savedSteps(), 20, 2, 0, 12, k.sinceImprovement()), k);
            assertEquals(run.population(), p.state().population().stream()
                    .map(m -> new StoredRun.Member(m.candidate().id(), m.fitness())).toList(),
                    "the engine's decisions, made again from the stored events, give the recorded population");
            // Schema 1 recorded who left at each join: the replayed queue (oldest first) must agree.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT seq, removed_program_id FROM population_event"
                            + " WHERE removed_program_id IS NOT NULL ORDER BY seq")) {
                int departures = 0;
                while (r.next()) {
                    List<StoredRun.Member> before = run.populationAt(r.getLong("seq") - 1);
                    assertEquals(r.getLong("removed_program_id"), before.get(0).programId(),
                            "event " + r.getLong("seq"));
                    departures++;
                }
                assertTrue(departures > 50, departures + " departures");
            }
        }
    }

    @Test
    void itIsNotAddedTo() throws Exception {
        byte[] before = Files.readAllBytes(file);
        StoreException e = assertThrows(StoreException.class,
                () -> RunStore.openForAppend(file, "optsearch search --resume old.db"));
        assertEquals(file + " has schema 1 (optsearch 0.1.0-SNAPSHOT), which this version (" + RunInfo.currentVersion()
                + ") reads but does not add to (it writes schema 2): resume it with the OptSearch that wrote it, or "
                + "start a new run", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("old.db-wal")));
    }
}
