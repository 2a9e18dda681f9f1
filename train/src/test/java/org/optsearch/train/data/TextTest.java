package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTest {

    @TempDir
    Path dir;

    @Test
    void charactersBecomeIdsInASortedAlphabet() {
        Text t = Text.of("t", "baca\n");
        assertArrayEquals(new int[] {'\n', 'a', 'b', 'c'}, t.alphabet());
        assertArrayEquals(new int[] {2, 1, 3, 1, 0}, t.ids());
        assertEquals(4, t.vocabSize());
        assertEquals(5, t.length());
        assertEquals("aca", t.decode(t.ids(), 1, 3));
        assertArrayEquals(new int[] {3, 2}, t.encode("cb"));
    }

    @Test
    void charactersOutsideTheBasicPlaneAreOneCharacterEach() {
        Text t = Text.of("t", "a\uD83D\uDE00a\u00a3");
        assertEquals(4, t.length());
        assertArrayEquals(new int[] {'a', 0xa3, 0x1F600}, t.alphabet());
        assertEquals("\uD83D\uDE00\u00a3", t.decode(t.ids(), 1, 1) + t.decode(t.ids(), 3, 1));
    }

    @Test
    void encodingAnUnknownCharacterNamesIt() {
        Text t = Text.of("austen.txt", "abc");
        assertEquals("character 'z' (U+007A) is not in the alphabet of austen.txt",
                assertThrows(IllegalArgumentException.class, () -> t.encode("az")).getMessage());
    }

    @Test
    void readsGzippedUtf8AndDropsTheByteOrderMark() {
        byte[] bytes = "\uFEFFPride \u00a3".getBytes(StandardCharsets.UTF_8);
        Text t = Text.read(Fixtures.write(dir, "pride", Fixtures.gzip(bytes)));
        assertEquals("Pride \u00a3", t.decode(t.ids(), 0, t.length()));
        assertEquals("pride", t.source());
    }

    @Test
    void invalidUtf8NamesTheByte() {
        byte[] bytes = new byte[1300];
        java.util.Arrays.fill(bytes, (byte) 'a');
        bytes[1234] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        Path file = Fixtures.write(dir, "austen.txt", bytes);
        assertEquals("austen.txt: invalid UTF-8 at byte 1234 (the file must be UTF-8 text)",
                assertThrows(DataException.class, () -> Text.read(file)).getMessage());
    }

    @Test
    void invalidUtf8InsideGzipSaysTheOffsetIsOfTheText() {
        Path file = Fixtures.write(dir, "austen.txt.gz", Fixtures.gzip(new byte[] {'o', 'k', (byte) 0xFF}));
        assertEquals("austen.txt.gz: invalid UTF-8 at byte 2 of the decompressed text (the file must be UTF-8 text)",
                assertThrows(DataException.class, () -> Text.read(file)).getMessage());
    }

    @Test
    void textCutInsideACharacterIsInvalid() {
        Path file = Fixtures.write(dir, "cut.txt", new byte[] {'a', (byte) 0xE2, (byte) 0x82});
        assertEquals("cut.txt: invalid UTF-8 at byte 1 (the file must be UTF-8 text)",
                assertThrows(DataException.class, () -> Text.read(file)).getMessage());
    }

    @Test
    void emptyTextIsRejected() {
        Path empty = Fixtures.write(dir, "empty.txt", new byte[0]);
        Path bomOnly = Fixtures.write(dir, "bom.txt", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        assertEquals("empty.txt: empty file", assertThrows(DataException.class, () -> Text.read(empty)).getMessage());
        assertEquals("bom.txt: empty file (only a byte-order mark)",
                assertThrows(DataException.class, () -> Text.read(bomOnly)).getMessage());
    }

    @Test
    void missingTextFile() {
        Path file = dir.resolve("austen.txt");
        assertEquals("no such file: " + file.toAbsolutePath(),
                assertThrows(DataException.class, () -> Text.read(file)).getMessage());
    }
}
