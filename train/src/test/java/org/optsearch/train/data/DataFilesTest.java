package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsNamedWithItsFullPath() {
        Path file = dir.resolve("nowhere.csv");
        DataException e = assertThrows(DataException.class, () -> DataFiles.read(file));
        assertEquals("no such file: " + file.toAbsolutePath(), e.getMessage());
    }

    @Test
    void folderIsNotAFile() {
        DataException e = assertThrows(DataException.class, () -> DataFiles.read(dir));
        assertTrue(e.getMessage().endsWith(": is a folder, not a file"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() {
        Path file = Fixtures.write(dir, "empty.csv", new byte[0]);
        assertEquals("empty.csv: empty file", assertThrows(DataException.class, () -> DataFiles.read(file)).getMessage());
    }

    @Test
    void gzipOfNothingIsAnEmptyFile() {
        Path file = Fixtures.write(dir, "empty.csv.gz", Fixtures.gzip(new byte[0]));
        assertEquals("empty.csv.gz: empty file (gzip data that decompresses to nothing)",
                assertThrows(DataException.class, () -> DataFiles.read(file)).getMessage());
    }

    @Test
    void gzipIsDetectedByMagicBytesWhateverTheName() {
        byte[] content = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Path disguised = Fixtures.write(dir, "table.csv", Fixtures.gzip(content));
        Path plainWithSuffix = Fixtures.write(dir, "plain.csv.gz", content);
        assertArrayEquals(content, DataFiles.read(disguised));
        assertArrayEquals(content, DataFiles.read(plainWithSuffix));
    }

    @Test
    void truncatedGzipSaysSo() {
        byte[] gz = Fixtures.gzip(new byte[10_000]);
        Path file = Fixtures.write(dir, "cut.idx.gz", Arrays.copyOf(gz, gz.length / 2));
        assertEquals("cut.idx.gz: truncated gzip data (the file ends early; copy it again)",
                assertThrows(DataException.class, () -> DataFiles.read(file)).getMessage());
    }

    @Test
    void corruptGzipSaysSo() {
        byte[] gz = Fixtures.gzip("hello hello hello hello".getBytes(StandardCharsets.UTF_8));
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xff;
        }
        Path file = Fixtures.write(dir, "bad.gz", gz);
        String message = assertThrows(DataException.class, () -> DataFiles.read(file)).getMessage();
        assertTrue(message.startsWith("bad.gz: "), message);
        assertTrue(message.contains("gzip"), message);
    }
}
