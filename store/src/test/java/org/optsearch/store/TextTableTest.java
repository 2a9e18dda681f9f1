package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTableTest {
    @TempDir
    Path dir;

    private Connection emptyStore() throws Exception {
        Path file = dir.resolve("x.db");
        RunStore.create(file, Fixtures.info(Fixtures.config(2, 0))).close();
        Connection c = StoreFiles.connect(file, false);
        c.setAutoCommit(false);
        return c;
    }

    private long rows() throws Exception {
        return RunStoreTest.count(dir.resolve("x.db"), "SELECT count(*) FROM line");
    }

    @Test
    void eachTextIsStoredOnceWhileTheBoundedMapHoldsIt() throws Exception {
        try (Connection c = emptyStore()) {
            TextTable lines = new TextTable(c, "line", "text", 2);
            assertEquals(1, lines.id("a"));
            assertEquals(2, lines.id("b"));
            assertEquals(1, lines.id("a"));
            assertEquals(3, lines.id("c")); // "b", used least recently, is forgotten
            assertEquals(1, lines.id("a"));
            assertEquals(4, lines.id("b"), "a forgotten text is stored again, under a new id");
            lines.executeBatch();
            c.commit();
            lines.close();
            assertEquals(4, rows());
            assertEquals("b", RunStoreTest.text(dir.resolve("x.db"), "SELECT text FROM line WHERE id = 2"));
        }
    }

    @Test
    void aResumedStoreRemembersItsNewestTextsAndGoesOnFromItsLastId() throws Exception {
        try (Connection c = emptyStore()) {
            TextTable lines = new TextTable(c, "line", "text", TextTable.LINES);
            for (String t : new String[] {"a", "b", "c"}) {
                lines.id(t);
            }
            lines.executeBatch();
            c.commit();
            lines.close();
            TextTable again = new TextTable(c, "line", "text", 2);
            assertEquals(3, again.id("c"));
            assertEquals(2, again.id("b"));
            assertEquals(4, again.id("a"), "older than the two newest rows: not remembered");
            assertEquals(5, again.id("d"));
            again.close();
        }
    }
}
