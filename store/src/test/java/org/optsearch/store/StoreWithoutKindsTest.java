package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.search.Candidate;
import org.optsearch.search.Change;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.StageName;

/**
 * A schema-2 store written before programs had their kind (the {@code kind} column) still opens, reads its
 * programs with their words and the statements they quote, rebuilds its resume point, and takes new
 * programs with their kind when a resumed run adds to it.
 */
class StoreWithoutKindsTest {
    @TempDir
    Path dir;

    @Test
    void anOlderSchemaTwoStoreReadsAndResumesAndGetsTheColumn() throws Exception {
        Path file = dir.resolve("old.db");
        Candidate start = Fixtures.candidate(0, 0.9);
        Candidate one = Fixtures.candidate(1, 0.8);
        Candidate two = Fixtures.hashHit(2, one);
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(3, 0)))) {
            store.generated(start, Source.START);
            store.generated(one, Source.EVALUATED);
            store.evaluated(one, StageName.A, Fixtures.score(1.2), 0, 0.3);
            store.generated(two, Source.HASH_CACHE);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE program DROP COLUMN kind"); // as the store was before kinds were kept
            assertFalse(Schema.hasColumn(c, "program", "kind"));
        }
        try (StoredRun run = RunStore.open(file)) {
            List<StoredProgram> programs = run.programs();
            assertEquals(List.of(Change.Kind.UNRECORDED, Change.Kind.UNRECORDED, Change.Kind.UNRECORDED),
                    programs.stream().map(p -> p.change().kind()).toList());
            assertEquals(two.mutation(), programs.get(2).mutation());
            assertEquals(two.change().quoted(), programs.get(2).change().quoted());
            assertEquals(List.of(0L, 1L, 2L), run.resumePoint().state().population().stream()
                    .map(m -> m.candidate().id()).toList());
        }
        Candidate three = Fixtures.candidate(3, 0.7);
        try (RunStore store = RunStore.openForAppend(file)) {
            store.generated(three, Source.EVALUATED);
        }
        try (StoredRun run = RunStore.open(file)) {
            assertEquals(List.of(Change.Kind.UNRECORDED, Change.Kind.UNRECORDED, Change.Kind.UNRECORDED,
                    Change.Kind.TUNE), run.programs().stream().map(p -> p.change().kind()).toList());
        }
    }
}
