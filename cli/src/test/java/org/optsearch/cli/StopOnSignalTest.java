package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoredEvaluation;
import org.optsearch.store.StoredRun;

/**
 * kill (SIGTERM) ends a search as cleanly as Ctrl-C: the JVM runs the same shutdown for both. The store is
 * closed (its session has an end), the run is not marked finished, the search says how to continue, and
 * --resume continues it with every evaluation kept.
 */
class StopOnSignalTest {

    @Test
    void aSearchStoppedWithSigtermClosesItsStoreUnfinishedAndResumes(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("run.db");
        Path log = dir.resolve("search.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Doptsearch.home=" + Cli.repoRoot(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "search", "--budget",
                "1000000-evals", "--workers", "2", "--tasks", "breast-cancer-mlp", "--tasks-b", "none", "--tasks-c",
                "none", "--population", "20", "--store", db.toString());
        Process search = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int seen = waitForEvaluations(search, db, 30);
        assertTrue(search.isAlive(), "the search ended before the signal: " + Files.readString(log));
        assertTrue(seen >= 30, "only " + seen + " evaluations recorded before the deadline");

        search.destroy(); // SIGTERM on Linux, as `kill PID` sends
        assertTrue(search.waitFor(60, TimeUnit.SECONDS), "the search did not end after SIGTERM");

        String said = Files.readString(log);
        assertEquals(143, search.exitValue(), said); // 128 + SIGTERM: the JVM's own exit for it
        assertTrue(said.contains("search: stopped by a signal after "), said);
        assertTrue(said.contains("continue it:  optsearch search --resume " + db), said);
        assertFalse(said.contains("Exception"), said);
        assertFalse(Files.exists(dir.resolve("run.db-wal")), "the store is closed: no write-ahead log is left");
        List<Long> before;
        try (StoredRun run = RunStore.open(db)) {
            assertEquals(List.of(true), run.query("SELECT ended_ms IS NOT NULL FROM session", r -> r.getBoolean(1)),
                    "the session's end is recorded");
            assertTrue(run.finished().isEmpty(), "a stopped run is not finished");
            before = run.evaluations().stream().map(StoredEvaluation::seq).toList();
        }
        Cli.Run runs = Cli.run("runs", dir);
        assertTrue(runs.out().contains("(unfinished: --resume it)"), runs.out());

        Cli.Run resumed = Cli.run("search", "--resume", db, "--budget", "5-evals", "--workers", "1");
        assertEquals(0, resumed.exit(), resumed.err());
        try (StoredRun run = RunStore.open(db)) {
            List<Long> after = run.evaluations().stream().map(StoredEvaluation::seq).toList();
            assertEquals(before, after.subList(0, before.size()), "every evaluation recorded before the signal is kept");
            assertTrue(run.finished().isPresent());
            assertEquals(List.of(true, true), run.query("SELECT ended_ms IS NOT NULL FROM session ORDER BY id",
                    r -> r.getBoolean(1)));
        }
    }

    /** Polls the store until it holds {@code n} evaluations, the search ends, or 90 s pass; returns the count. */
    private static int waitForEvaluations(Process search, Path db, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        int seen = 0;
        while (seen < n && System.nanoTime() < deadline && search.isAlive()) {
            Thread.sleep(300);
            if (Files.exists(db)) {
                try (StoredRun run = RunStore.open(db)) {
                    seen = run.evaluations().size();
                } catch (RuntimeException busy) {
                    // the writer may hold the file for a moment
                }
            }
        }
        return seen;
    }
}
