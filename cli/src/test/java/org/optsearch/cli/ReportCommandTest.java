package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optsearch report} where the page cannot be written: a message and exit 2, never a stack trace. */
class ReportCommandTest {
    @TempDir
    static Path runs;
    private static Path store;

    @BeforeAll
    static void aStoredRun() {
        store = runs.resolve("a.db");
        Cli.Run run = Cli.run("search", "--budget", "4-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "none", "--tasks-c", "none", "--population", "10", "--store", store);
        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void anOutputThatIsAFolderIsRefusedWithAMessage(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("page.html"));
        Cli.Run report = Cli.run("report", "--store", store, "--out", folder);
        assertEquals(2, report.exit(), report.err());
        assertEquals("optsearch: cannot write the report " + folder + ": it is a folder; give another file with "
                + "--out, e.g. --out report.html, in a folder you can write to", report.err().strip());
        assertTrue(Files.isDirectory(folder));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "nothing is left beside the folder");
        }
    }

    @Test
    void anOutputInsideAFileIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        Cli.Run report = Cli.run("report", "--store", store, "--out", file.resolve("page.html"));
        assertEquals(2, report.exit(), report.err());
        assertTrue(report.err().startsWith("optsearch: cannot write the report " + file.resolve("page.html") + ": "
                + file + " is a file, not a folder; give another file with --out"), report.err());
        assertFalse(report.err().contains("Exception"), report.err());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aMissingOutputFolderIsCreated(@TempDir Path dir) {
        Path html = dir.resolve("new/folder/page.html");
        Cli.Run report = Cli.run("report", "--store", store, "--out", html);
        assertEquals(0, report.exit(), report.err());
        assertTrue(Files.isRegularFile(html));
    }
}
