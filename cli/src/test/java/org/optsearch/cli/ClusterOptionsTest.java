package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoredRun;

/** The cluster's options on the command line: their errors, the token kept out of sight, the live report. */
class ClusterOptionsTest {
    private static final String TOKEN = "a-secret-nobody-may-see";

    @Test
    void aClusteredSearchWithOnlyItsOwnSlotRunsAndNeitherPrintsNorStoresItsToken(@TempDir Path dir) {
        Path db = dir.resolve("run.db");
        Cli.Run run = Cli.run("search", "--cluster", "--listen", "127.0.0.1:" + freePort(), "--slots", "1",
                "--token", TOKEN, "--budget", "3-evals", "--tasks", "breast-cancer-mlp", "--tasks-b", "none",
                "--tasks-c", "none", "--population", "5", "--store", db, "--json");
        assertEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains(TOKEN) || run.err().contains(TOKEN));
        try (StoredRun stored = RunStore.open(db)) {
            assertEquals(3, stored.evaluations().size());
            List<String> lines = stored.query("SELECT command_line FROM session", r -> r.getString(1));
            assertTrue(lines.get(0).contains("--token (hidden)"), lines.toString());
            assertFalse(lines.toString().contains(TOKEN));
        }
    }

    @Test
    void badClusterOptionsAreNamedBeforeAnyStoreIsMade(@TempDir Path dir) {
        Path db = dir.resolve("run.db");
        Cli.Run open = Cli.run("search", "--cluster", "--listen", "0.0.0.0:5701", "--budget", "3-evals", "--store",
                db);
        assertEquals(2, open.exit());
        assertTrue(open.err().contains("--listen 0.0.0.0:5701 is not a loopback address: give a shared secret with "
                + "--token"), open.err());
        Cli.Run without = Cli.run("search", "--slots", "2", "--budget", "3-evals", "--store", db);
        assertEquals(2, without.exit());
        assertTrue(without.err().contains("--slots is an option of a clustered search: add --cluster"), without.err());
        assertFalse(Files.exists(db));

        Cli.Run worker = Cli.run("worker", "--join", "10.1.2.3:5701");
        assertEquals(2, worker.exit());
        assertTrue(worker.err().contains("not a loopback address"), worker.err());
    }

    @Test
    void aWorkerPortThatCannotBeListenedOnIsRefusedWithTheFix() throws Exception {
        Cli.Run range = Cli.run("worker", "--join", "127.0.0.1:5701", "--port", "70000");
        assertEquals(2, range.exit());
        assertTrue(range.err().contains("--port must be a port number from 1 to 65535, got 70000"), range.err());
        try (java.net.ServerSocket held = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Run taken = Cli.run("worker", "--join", "127.0.0.1:5701", "--port",
                    Integer.toString(held.getLocalPort()));
            assertEquals(2, taken.exit());
            assertTrue(taken.err().contains("cannot listen on 127.0.0.1:" + held.getLocalPort() + " (--port)"),
                    taken.err());
            assertTrue(taken.err().contains("leave --port out for a free one"), taken.err());
        }
    }

    @Test
    void theLiveReportIsWrittenFromAStoreNextToIt(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("run.db");
        Cli.Run run = Cli.run("search", "--budget", "2-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "none", "--tasks-c", "none", "--population", "5", "--store", db, "--live", "0");
        assertEquals(0, run.exit(), run.err());
        Path html = RunReports.htmlNextTo(db);
        Files.delete(html);
        new LiveReport(db, new java.io.PrintWriter(System.err, true)).write();
        assertTrue(Files.readString(html).contains("<html"), "written again from the store");
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
