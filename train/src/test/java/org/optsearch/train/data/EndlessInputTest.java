package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endless or huge data files stop with a message after reading just past the limit, instead of
 * filling memory: sizes are checked while reading, not after.
 */
class EndlessInputTest {

    private static final Path ZERO = Path.of("/dev/zero");

    @TempDir
    Path dir;

    @Test
    void devZeroAsATextFileStopsAtTheFirstByte() {
        assumeTrue(Files.exists(ZERO));
        DataException e = assertThrows(DataException.class, () -> DataFiles.readText(ZERO));
        assertEquals("zero: a NUL byte at byte 0: this is binary data, not text (the file must be UTF-8 text)",
                e.getMessage());
    }

    @Test
    void endlessBinaryInputStopsAtTheLimit() {
        assumeTrue(Files.exists(ZERO));
        DataException e = assertThrows(DataException.class, () -> DataFiles.read(ZERO, 4096));
        assertEquals("zero: more than 4096 bytes; a data file may hold at most 4096 bytes (is it the right file?"
                + " endless inputs such as /dev/zero are refused)", e.getMessage());
    }

    @Test
    void endlessTextStopsAtTheLimit() {
        Path text = Fixtures.write(dir, "long.txt", "abc\n".repeat(5000));
        DataException e = assertThrows(DataException.class, () -> DataFiles.readText(text, 4096));
        assertEquals("long.txt: more than 4096 bytes; a data file may hold at most 4096 bytes (is it the right file?"
                + " endless inputs such as /dev/zero are refused)", e.getMessage());
    }

    @Test
    void devZeroAsAnImageFileStopsAtTheMagicNumber() {
        assumeTrue(Files.exists(ZERO));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(ZERO));
        assertEquals("zero: bad magic number 0x00000000, expected 0x00000803 (an IDX image file)", e.getMessage());
    }

    @Test
    void devZeroAsLabelsStopsAtTheMagicNumber() {
        assumeTrue(Files.exists(ZERO));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabels(ZERO, 10));
        assertEquals("zero: bad magic number 0x00000000, expected 0x00000801 (an IDX label file)", e.getMessage());
    }

    @Test
    void imageFileLargerThanTheLimitIsRefusedWhileReading() {
        Path file = Fixtures.write(dir, "images.idx", Fixtures.idxImages(100, 8, 8));
        DataException e = assertThrows(DataException.class, () -> Idx.readImages(file, 1000));
        assertEquals("images.idx: more than 1000 bytes; a data file may hold at most 1000 bytes (is it the right"
                + " file? endless inputs such as /dev/zero are refused)", e.getMessage());
    }

    @Test
    void gzipBombIsRefusedByItsDecompressedSize() {
        Path file = Fixtures.write(dir, "bomb.csv.gz", gzippedSpaces(1 << 20));
        DataException e = assertThrows(DataException.class, () -> DataFiles.readText(file, 64 << 10));
        assertEquals("bomb.csv.gz: more than 65536 bytes after decompression; a data file may hold at most 65536"
                + " bytes (is it the right file? endless inputs such as /dev/zero are refused)", e.getMessage());
    }

    @Test
    void fileExactlyAtTheLimitIsRead() {
        Path file = Fixtures.write(dir, "a.csv", "a,b\n1,2\n");
        assertEquals("a,b\n1,2\n", DataFiles.readText(file, 8));
        assertThrows(DataException.class, () -> DataFiles.readText(file, 7));
    }

    @Test
    void theLimitsAreTheDocumentedOnes() {
        assertEquals("1 GiB", DataFiles.bytes(DataFiles.MAX_BYTES));
        assertEquals("256 MiB", DataFiles.bytes(DataFiles.MAX_TEXT_BYTES));
    }

    private static byte[] gzippedSpaces(int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(" ".repeat(n).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
