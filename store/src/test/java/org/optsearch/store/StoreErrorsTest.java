package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optsearch.search.SearchListener.Source;

/** Every file that is not a good store is refused before any work, with a message that names it. */
class StoreErrorsTest {
    @TempDir
    Path dir;

    private static String openError(Path file) {
        return assertThrows(StoreException.class, () -> RunStore.open(file).close()).getMessage();
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** A good store with enough rows to span many pages. */
    private Path goodStore() {
        Path file = dir.resolve("good.db");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            for (int i = 0; i < 3000; i++) {
                store.generated(Fixtures.candidate(i + 1, 1, Fixtures.START, i), Source.HASH_CACHE);
                store.problem(null, "problem number " + i + " with some text to fill pages");
            }
        }
        return file;
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals(dir.resolve("none.db") + " does not exist", openError(dir.resolve("none.db")));
    }

    @Test
    void anEmptyFileIsNotAStore() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.db"));
        assertEquals(file + " is not an OptSearch run store (the file is empty)", openError(file));
    }

    @Test
    void randomBytesAreNotASqliteDatabase() throws Exception {
        byte[] noise = new byte[10_000];
        new Random(1).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.db"), noise);
        assertEquals(file + " is not an OptSearch run store (not a SQLite database)", openError(file));
        assertEquals(file + " is not an OptSearch run store (not a SQLite database)",
                assertThrows(StoreException.class, () -> RunStore.openForAppend(file)).getMessage());
    }

    @Test
    void aSqliteFileFromSomethingElseIsRefusedAndLeftUnchanged() throws Exception {
        Path file = dir.resolve("other.db");
        sql(file, "CREATE TABLE customers (id INTEGER, name TEXT)");
        byte[] before = Files.readAllBytes(file);
        assertEquals(file + " is a SQLite database but not an OptSearch run store (it has no meta table; its "
                + "tables: customers)", openError(file));
        assertThrows(StoreException.class, () -> RunStore.openForAppend(file));
        assertArrayEquals(before, Files.readAllBytes(file), "not even switched to WAL");
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 3, 0})
    void aStoreOfAnotherSchemaVersionSaysWhichIsWhich(int version) throws Exception {
        Path file = goodStore();
        sql(file, "UPDATE meta SET value = '" + version + "' WHERE key = 'schema_version'",
                "UPDATE meta SET value = 'optsearch 9.9' WHERE key = 'created_by'");
        String expected = file + " was written by " + (version > 2 ? "a newer" : "an older") + " OptSearch (schema "
                + version + ", optsearch 9.9); this version (" + RunInfo.currentVersion() + ") reads schemas 1 to 2";
        assertEquals(expected, openError(file));
        assertEquals(expected, assertThrows(StoreException.class, () -> RunStore.openForAppend(file)).getMessage());
    }

    @Test
    void aStoreClaimingSchemaOneWithTheTablesOfTwoIsDamaged() throws Exception {
        Path file = goodStore();
        sql(file, "UPDATE meta SET value = '1' WHERE key = 'schema_version'");
        assertEquals(file + " is damaged: it has schema 1 but no table 'population_event'", openError(file));
    }

    @Test
    void aProgramWhoseLineIsMissingIsDamagedNotMisread() throws Exception {
        Path file = goodStore();
        sql(file, "DELETE FROM line WHERE id = "
                + "(SELECT max(value) FROM json_each((SELECT lines FROM program WHERE id = 7)))");
        try (StoredRun run = RunStore.open(file)) {
            StoreException e = assertThrows(StoreException.class, () -> run.program(7));
            assertTrue(e.getMessage().startsWith(file + " is damaged: program 7: its text names line "),
                    e.getMessage());
        }
    }

    @Test
    void aTruncatedStoreIsDamaged() throws Exception {
        Path file = goodStore();
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        String m = openError(file);
        assertTrue(m.startsWith(file + " is damaged"), m);
    }

    @Test
    void overwrittenPagesAreDamage() throws Exception {
        Path file = goodStore();
        byte[] junk = new byte[4096 * 3];
        new Random(2).nextBytes(junk);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length() / 3 / 4096 * 4096);
            f.write(junk);
        }
        String m = openError(file);
        assertTrue(m.startsWith(file + " is damaged"), m);
    }

    @Test
    void aStoreIsNeverCreatedOverAnExistingFile() throws Exception {
        Path file = goodStore();
        String m = assertThrows(StoreException.class,
                () -> RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))).getMessage();
        assertTrue(m.startsWith(file + " already exists"), m);
    }

    @Test
    void aFolderThatCannotBeMadeIsNamed() throws Exception {
        Path notADir = Files.writeString(dir.resolve("runs"), "a file, not a folder");
        Path file = notADir.resolve("x.db");
        String m = assertThrows(StoreException.class,
                () -> RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))).getMessage();
        assertTrue(m.startsWith("cannot create " + file + ": ") && m.contains("not a directory"), m);
    }

    @Test
    void aFolderWithoutWritePermissionIsNamed() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(locked), "root can write anywhere: this check needs a normal user");
            Path file = locked.resolve("x.db");
            String m = assertThrows(StoreException.class,
                    () -> RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))).getMessage();
            assertTrue(m.startsWith("cannot create " + file + ": permission denied"), m);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aStaleLogBesideANewFileIsRefused() throws Exception {
        Path file = dir.resolve("x.db");
        Files.writeString(dir.resolve("x.db-wal"), "left over");
        String m = assertThrows(StoreException.class,
                () -> RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))).getMessage();
        assertTrue(m.contains("x.db-wal is left from an earlier database"), m);
    }
}
