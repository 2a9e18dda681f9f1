package org.optsearch.train.task.spec;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.train.task.spec.TaskSpecs.Format;

/** Reading task files from disk: extensions, unreadable files, and what the exception exposes. */
class TaskSpecFilesTest {

    @TempDir
    Path dir;

    private String readError(Path file) {
        return assertThrows(TaskSpecException.class, () -> TaskSpecs.read(file)).getMessage();
    }

    @Test
    void unsupportedExtensionIsRefusedBeforeReading() {
        Path file = dir.resolve("task.txt");
        assertEquals(file + ": unsupported extension '.txt'; use .json, .yaml or .yml", readError(file));
        assertEquals("task: a task file needs an extension; use .json, .yaml or .yml",
                assertThrows(TaskSpecException.class, () -> Format.of(Path.of("task"))).getMessage());
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("missing.json");
        assertEquals(file + ": cannot read: no such file", readError(file));
    }

    @Test
    void folderIsNotATaskFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertEquals(folder + ": cannot read: it is a folder", readError(folder));
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xE9});
        assertEquals(file + ": cannot read: not UTF-8 text", readError(file));
    }

    @Test
    void hugeFileIsRefusedUnread() throws IOException {
        Path file = Files.write(dir.resolve("huge.json"), new byte[(int) TaskSpecs.MAX_FILE_BYTES + 1]);
        assertEquals(file + ": the file has 1048577 bytes; a task file may have at most 1048576 bytes (1 MiB)",
                readError(file));
    }

    @Test
    void endlessFileIsRefusedAfterReadingJustPastTheLimit() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        Path file = Files.createSymbolicLink(dir.resolve("endless.json"), zero);
        assertEquals(file + ": the file has more than 1048576 bytes; a task file may have at most 1048576 bytes (1 MiB)",
                readError(file));
    }

    @Test
    void errorInAFileNamesTheFileAsGivenWithLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("my.yaml"), "name: my-task\nmodel:\n  type: mlp\n  hidden: [128, -3]\n"
                + "data: {format: csv, path: x.csv, label: y, kind: regression}\ntrain: {steps: 10}\n");
        TaskSpecException e = assertThrows(TaskSpecException.class, () -> TaskSpecs.read(file));
        assertAll(
                () -> assertEquals(file + ":4:17: $.model.hidden[1]: must be a positive integer, got -3", e.getMessage()),
                () -> assertEquals(file.toString(), e.file()),
                () -> assertEquals("$.model.hidden[1]", e.jsonPath()),
                () -> assertEquals(4, e.line()),
                () -> assertEquals(17, e.column()),
                () -> assertEquals("must be a positive integer, got -3", e.problem()));
    }

    @Test
    void syntaxErrorHasALocationButNoJsonPath() {
        TaskSpecException e = assertThrows(TaskSpecException.class,
                () -> TaskSpecs.parse("{\"name\": }", Format.JSON, dir, "t.json"));
        assertAll(
                () -> assertNull(e.jsonPath()),
                () -> assertEquals(1, e.line()),
                () -> assertEquals(10, e.column()),
                () -> assertEquals("t.json:1:10: malformed JSON: unexpected character ('}' (code 125)): expected a value",
                        e.getMessage()));
    }

    @Test
    void emptyFileHasNoLocation() {
        TaskSpecException e = assertThrows(TaskSpecException.class, () -> TaskSpecs.parse(" \n", Format.YAML, dir, "e.yml"));
        assertAll(() -> assertEquals(0, e.line()), () -> assertEquals(0, e.column()), () -> assertNull(e.jsonPath()));
    }
}
