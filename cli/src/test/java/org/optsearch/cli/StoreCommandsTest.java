package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCommandsTest {

    private static Path search(Path dir, String name) {
        Path db = dir.resolve(name);
        Cli.Run run = Cli.run("search", "--budget", "8-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "none", "--tasks-c", "none", "--population", "10", "--store", db);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("report: " + dir.resolve(name.replace(".db", ".html"))), run.out());
        return db;
    }

    @Test
    void aOneWorkerRunWithAnEvaluationBudgetReplaysExactly(@TempDir Path dir) {
        Path db = search(dir, "a.db");
        Cli.Run replay = Cli.run("search", "--replay", db);
        assertEquals(0, replay.exit(), replay.err());
        assertTrue(replay.out().startsWith("reproduces: all 8 stage-A evaluations match"), replay.out());
    }

    @Test
    void runsAreListedAndReportedTogether(@TempDir Path dir) throws Exception {
        search(dir, "a.db");
        search(dir, "b.db");
        Cli.Run list = Cli.run("runs", dir);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("a.db") && list.out().contains("b.db"), list.out());
        Path html = dir.resolve("both.html");
        Cli.Run report = Cli.run("report", "--store", dir.resolve("a.db"), "--store", dir.resolve("b.db"), "--out", html);
        assertEquals(0, report.exit(), report.err());
        String page = Files.readString(html);
        assertTrue(page.contains("a.db") && page.contains("b.db"));
        assertTrue(page.contains("lion.opt (shipped defaults)"), "the recorded end-of-search comparison is shown");
    }

    @Test
    void aFileThatIsNotAStoreIsRefusedBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.db");
        Files.writeString(bad, "not a database");
        Cli.Run report = Cli.run("report", "--store", bad);
        assertEquals(2, report.exit());
        assertTrue(report.err().contains("is not an OptSearch run store"), report.err());
        Cli.Run resume = Cli.run("search", "--resume", bad);
        assertEquals(2, resume.exit());
        assertTrue(resume.err().contains("is not an OptSearch run store"), resume.err());
        Cli.Run existing = Cli.run("search", "--store", bad, "--budget", "2-evals");
        assertEquals(2, existing.exit());
    }

    /**
     * A store of schema 1, written before each line was stored once: listed, reported, not resumed; a replay
     * says that it cannot reproduce it (it was recorded when fitness was accuracy).
     */
    @Test
    void aStoreOfTheOlderSchemaIsListedReportedAndReplayedButNotResumed(@TempDir Path dir) throws Exception {
        Path old = Files.copy(Cli.repoRoot().resolve("store/src/test/resources/org/optsearch/store/schema1-run.db"),
                dir.resolve("old.db"));
        byte[] before = Files.readAllBytes(old);
        Cli.Run list = Cli.run("runs", dir);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("old.db") && list.out().contains("30-evals")
                && !list.out().contains("unreadable"), list.out());
        Path html = dir.resolve("old.html");
        Cli.Run report = Cli.run("report", "--store", old, "--out", html);
        assertEquals(0, report.exit(), report.err());
        assertTrue(Files.readString(html).contains("old.db"));
        Cli.Run replay = Cli.run("search", "--replay", old);
        assertEquals(0, replay.exit(), replay.err());
        assertTrue(replay.out().startsWith("cannot reproduce: ") && replay.out().contains("selected on validation "
                + "accuracy; this version selects on validation loss"), replay.out());
        Cli.Run resume = Cli.run("search", "--resume", old, "--budget", "2-evals");
        assertEquals(2, resume.exit());
        assertTrue(resume.err().contains("has schema 1") && resume.err().contains("start a new run"), resume.err());
        assertArrayEquals(before, Files.readAllBytes(old), "the old store is left as it was");
    }

    @Test
    void aFinishedRunResumesOnlyWithANewBudget(@TempDir Path dir) {
        Path db = search(dir, "done.db");
        Cli.Run again = Cli.run("search", "--resume", db);
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("is a finished run; give --budget"), again.err());
        Cli.Run more = Cli.run("search", "--resume", db, "--budget", "4-evals", "--workers", "1");
        assertEquals(0, more.exit(), more.err());
    }
}
