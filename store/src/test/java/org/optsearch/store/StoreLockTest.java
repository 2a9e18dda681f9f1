package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.search.SearchListener.Source;

/** A store has one writer at a time; a second is refused at once, naming the first; readers read on. */
class StoreLockTest {
    @TempDir
    Path dir;

    private static final long PID = ProcessHandle.current().pid();

    /** A closed store with two events, as a killed or finished search leaves it. */
    private Path storeWithEvents() {
        Path file = dir.resolve("x.db");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            store.generated(Fixtures.candidate(0, 0.9), Source.START);
            store.problem(null, "first session");
        }
        return file;
    }

    @Test
    void secondWriterIsRefusedNamingTheHolder() throws Exception {
        Path file = storeWithEvents();
        try (RunStore writer = RunStore.openForAppend(file, "optsearch search --resume x.db")) {
            String resumed = assertThrows(StoreException.class,
                    () -> RunStore.openForAppend(file, "optsearch search --resume x.db --budget 5m")).getMessage();
            assertTrue(resumed.startsWith(file + " is being written by another process (pid " + PID), resumed);
            assertTrue(resumed.contains(": optsearch search --resume x.db)"), "names the holder's command: " + resumed);
            String created = assertThrows(StoreException.class,
                    () -> RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))).getMessage();
            assertTrue(created.startsWith(file + " is being written by another process (pid " + PID), created);
            writer.problem(null, "the holder writes on");
        }
        assertEquals(2, RunStoreTest.count(file, "SELECT count(*) FROM session"), "the refused writers left no session");
        assertEquals(0, RunStoreTest.count(file, "SELECT count(*) FROM session WHERE ended_ms IS NULL"));
        assertEquals(2, RunStoreTest.count(file, "SELECT count(*) FROM problem"));
    }

    @Test
    void aWriterInAnotherProcessIsRefusedNamingItsPidAndItsLockDiesWithIt() throws Exception {
        Path file = storeWithEvents();
        Process holder = new ProcessBuilder(lockHolder("hold", file)).redirectError(dir.resolve("holder.log").toFile())
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String said = out.readLine();
            assertEquals("holding " + file, said, () -> "the holder failed: " + log());

            String m = assertThrows(StoreException.class, () -> RunStore.openForAppend(file, "second")).getMessage();
            assertTrue(m.startsWith(file + " is being written by another process (pid " + holder.pid() + " "), m);
            assertTrue(m.contains(": lock holder " + file + ")"), m);
            try (StoredRun run = RunStore.open(file)) {
                assertEquals(1, run.programs().size(), "a live store is still read");
            }

            holder.destroyForcibly(); // kill -9: the lock file stays, its lock goes with the process
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            assertTrue(Files.exists(StoreLock.fileOf(file)), "a killed writer cannot remove its lock file");
            try (RunStore next = RunStore.openForAppend(file, "after the kill")) {
                next.problem(null, "third session");
            }
            assertFalse(Files.exists(StoreLock.fileOf(file)));
            assertEquals(3, RunStoreTest.count(file, "SELECT count(*) FROM session"));
        } finally {
            holder.destroyForcibly();
        }
    }

    /** The command that runs {@link LockHolder} in a new JVM. */
    private static List<String> lockHolder(String mode, Path file) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), mode,
                file.toString());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("holder.log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Test
    void aLockFileLeftBehindBlocksNobody() throws Exception {
        Path file = dir.resolve("x.db");
        Files.writeString(StoreLock.fileOf(file), "pid 999999 on host gone, since 2020-01-01T00:00:00Z: a dead search");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            store.problem(null, "written");
            store.flush();
            Process other = new ProcessBuilder(lockHolder("try", file)).redirectError(dir.resolve("try.log").toFile())
                    .start();
            String told = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(other.waitFor(60, TimeUnit.SECONDS));
            assertTrue(told.startsWith(file + " is being written by another process (pid " + PID + " "),
                    "the new writer wrote its own name over the old one: " + told);
        }
        assertFalse(Files.exists(StoreLock.fileOf(file)), "a closed store leaves no lock file");
    }

    @Test
    void aStoreIsReadWhileItsWriterHoldsIt() throws Exception {
        Path file = dir.resolve("x.db");
        try (RunStore store = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)))) {
            store.generated(Fixtures.candidate(0, 0.9), Source.START);
            store.generated(Fixtures.candidate(1, 0.8), Source.EVALUATED);
            store.flush();
            try (StoredRun run = RunStore.open(file)) {
                assertEquals(2, run.programs().size());
                assertTrue(run.finished().isEmpty());
            }
            store.problem(null, "still writing after the read");
        }
        assertEquals(1, RunStoreTest.count(file, "SELECT count(*) FROM problem"));
    }

    @Test
    void aLockTakenToReadFirstIsHandedToTheWriter() throws Exception {
        Path file = storeWithEvents();
        StoreLock lock = RunStore.lockForAppend(file, "optsearch search --resume x.db");
        String m = assertThrows(StoreException.class, () -> RunStore.openForAppend(file, "other")).getMessage();
        assertTrue(m.contains("(pid " + PID), m);
        try (StoredRun run = RunStore.open(file)) {
            assertTrue(run.finished().isEmpty());
        }
        try (RunStore store = RunStore.openForAppend(file, "optsearch search --resume x.db", lock)) {
            store.problem(null, "second session");
        }
        assertFalse(Files.exists(StoreLock.fileOf(file)), "the store released the lock it was handed");
        RunStore.openForAppend(file, "a later writer").close();
    }

    @Test
    void aFailedOpenReleasesTheLock() throws Exception {
        Path file = dir.resolve("x.db");
        Files.writeString(file, "not a database");
        assertThrows(StoreException.class, () -> RunStore.openForAppend(file, "first"));
        assertFalse(Files.exists(StoreLock.fileOf(file)));
        String m = assertThrows(StoreException.class, () -> RunStore.openForAppend(file, "second")).getMessage();
        assertTrue(m.contains("not an OptSearch run store"), "not refused as locked: " + m);
    }

    @Test
    void aCreatedStoreThatGotNoEventIsRemovedWhenItsRunFails() throws Exception {
        Path file = dir.resolve("runs/x.db");
        RunStore.create(file, Fixtures.info(Fixtures.config(2, 0))).discardIfEmpty();
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(StoreLock.fileOf(file)));
        assertEquals(List.of(), Files.list(file.getParent()).toList(), "nothing beside it either");

        RunStore started = RunStore.create(file, Fixtures.info(Fixtures.config(2, 0)));
        started.problem(null, "one event");
        started.discardIfEmpty();
        assertEquals(1, RunStoreTest.count(file, "SELECT count(*) FROM problem"), "a store with events is kept");

        RunStore resumed = RunStore.openForAppend(file, "resume");
        resumed.discardIfEmpty();
        assertTrue(Files.exists(file), "a resumed store is never removed");
        assertFalse(Files.exists(StoreLock.fileOf(file)));
    }
}
