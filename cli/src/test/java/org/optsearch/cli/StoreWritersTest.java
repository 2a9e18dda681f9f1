package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreLock;

/** A search writes a store only once everything it was given is valid, and a store has one writer at a time. */
class StoreWritersTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "--tasks   | digits-mpl          | unknown task 'digits-mpl'; did you mean 'digits-mlp'?",
        "--tasks-b | breast-cancer-mpl:M | unknown task 'breast-cancer-mpl'; did you mean 'breast-cancer-mlp'?",
        "--tasks-c | digits-mlp:XL       | task 'digits-mlp:XL': size must be XS, S, M or L, got 'XL'",
        "--budget  | 10 minutes          | --budget: ",
        "--preset  | quik                | --preset must be one of quick, standard, paper, got 'quik'",
        "--calibrate | 4x3               | --calibrate '4x3': the number of calibration multipliers must be odd",
        "--calibrate | abc               | --calibrate 'abc' is not NxR (e.g. 9x5: 9 multipliers, 5 rungs) or off",
        "--recalibrate | 2x3             | --recalibrate '2x3': the number of calibration multipliers must be odd",
        "--recalibrate | 3                | --recalibrate '3' is not NxR (e.g. 9x5: 9 multipliers, 5 rungs) or off",
    })
    void anInvalidSearchLeavesNoStoreBehind(String option, String value, String message) {
        Path db = dir.resolve("runs/x.db");
        List<Object> args = new java.util.ArrayList<>(List.of("--store", db, "--workers", "1", option, value));
        if (!option.equals("--budget")) {
            args.addAll(List.of("--budget", "2-evals"));
        }
        Cli.Run run = Cli.run(prepend("search", args));
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
        assertFalse(Files.exists(db), "no store that a later --resume would call damaged");
        assertFalse(Files.exists(StoreLock.fileOf(db)), "no lock file");
    }

    @Test
    void anUnknownTaskInAResumedRunIsNamedBeforeTheStoreIsWritten() throws Exception {
        Path db = search("a.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE run SET config_json = replace(config_json, 'breast-cancer-mlp', 'breast-cancer-gone')");
        }
        byte[] before = Files.readAllBytes(db);
        Cli.Run resume = Cli.run("search", "--resume", db, "--budget", "2-evals");
        assertEquals(2, resume.exit(), resume.err());
        assertTrue(resume.err().contains("unknown task 'breast-cancer-gone'"), resume.err());
        assertEquals(1, sessions(db), "no session row for a resume that did not start");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the store is left as it was");
        assertFalse(Files.exists(StoreLock.fileOf(db)));
    }

    @Test
    void aSecondWriterIsRefusedAtOnceNamingTheHolderWhileReadersRead() throws Exception {
        Path db = search("a.db");
        long pid = ProcessHandle.current().pid();
        try (RunStore writer = RunStore.openForAppend(db, "optsearch search --resume a.db")) {
            for (List<Object> args : List.<List<Object>>of(List.of("--resume", db, "--budget", "2-evals"),
                    List.of("--store", db, "--budget", "2-evals", "--tasks", "breast-cancer-mlp"))) {
                Cli.Run second = Cli.run(prepend("search", args));
                assertEquals(2, second.exit(), second.err());
                assertTrue(second.err().contains(db + " is being written by another process (pid " + pid), second.err());
                assertTrue(second.err().contains("optsearch search --resume a.db)"), second.err());
                assertFalse(second.err().contains("training the start program"), "refused before any work");
            }
            Cli.Run runs = Cli.run("runs", dir);
            assertEquals(0, runs.exit(), runs.err());
            assertTrue(runs.out().contains("a.db"), runs.out());
            Cli.Run report = Cli.run("report", "--store", db, "--out", dir.resolve("live.html"));
            assertEquals(0, report.exit(), report.err());
        }
        assertEquals(2, sessions(db), "the holder's session only; the refused writers added none");
        Cli.Run resumed = Cli.run("search", "--resume", db, "--budget", "2-evals", "--workers", "1");
        assertEquals(0, resumed.exit(), resumed.err());
        assertFalse(Files.exists(StoreLock.fileOf(db)), "a finished search leaves no lock file");
        assertEquals("optsearch search --resume " + db + " --budget 2-evals --workers 1",
                text(db, "SELECT command_line FROM session WHERE id = 3"), "the command as typed, recorded");
    }

    private Path search(String name) {
        Path db = dir.resolve(name);
        Cli.Run run = Cli.run("search", "--budget", "6-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "none", "--tasks-c", "none", "--population", "5", "--store", db);
        assertEquals(0, run.exit(), run.err());
        return db;
    }

    private static Object[] prepend(Object first, List<Object> rest) {
        Object[] all = new Object[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            all[i + 1] = rest.get(i);
        }
        return all;
    }

    private static String text(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static long sessions(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM session")) {
            r.next();
            return r.getLong(1);
        }
    }
}
