package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdxTest {

    @TempDir
    Path dir;

    @Test
    void readsImagesPixelByPixel() {
        Path file = Fixtures.write(dir, "images.idx", Fixtures.idxImages(3, 2, 4));
        Idx.Images images = Idx.readImages(file);
        assertEquals(3, images.count());
        assertEquals(8, images.pixelsPerImage());
        assertEquals((2 * 31 + 1 * 4 + 3) % 256, images.pixel(2, 1, 3));
        assertEquals("images.idx", images.source());
    }

    @Test
    void pixelsAreUnsigned() {
        Path file = Fixtures.write(dir, "white.idx",
                Fixtures.idxImages(Idx.IMAGES_MAGIC, 1, 1, 2, new byte[] {(byte) 255, (byte) 128}));
        Idx.Images images = Idx.readImages(file);
        assertEquals(255, images.pixel(0, 0, 0));
        assertEquals(128, images.pixel(0, 0, 1));
    }

    @Test
    void readsGzippedImagesAndLabelsTogether() {
        Path images = Fixtures.write(dir, "images.gz", Fixtures.gzip(Fixtures.idxImages(4, 3, 3)));
        Path labels = Fixtures.write(dir, "labels.gz", Fixtures.gzip(Fixtures.idxLabels(3, 0, 9, 5)));
        Idx.LabeledImages data = Idx.readLabeled(images, labels, 10);
        assertEquals(4, data.count());
        assertArrayEquals(new int[] {3, 0, 9, 5}, data.labels());
        assertEquals(10, data.numClasses());
    }

    @Test
    void imagesAndLabelsMustAgreeInNumber() {
        Path images = Fixtures.write(dir, "train-images", Fixtures.idxImages(3, 2, 2));
        Path labels = Fixtures.write(dir, "train-labels", Fixtures.idxLabels(1, 2));
        DataException e = assertThrows(DataException.class, () -> Idx.readLabeled(images, labels, 10));
        assertEquals("train-images and train-labels: images and labels disagree: 3 images, 2 labels", e.getMessage());
    }

    static Stream<Arguments> badLabelFiles() {
        byte[] good = Fixtures.idxLabels(1, 2, 3, 4);
        return Stream.of(
                Arguments.of("an image file read as labels", Fixtures.idxImages(2, 2, 2),
                        "labels.idx: bad magic number 0x00000803, expected 0x00000801 (an IDX label file);"
                                + " this is an image file, not a label file"),
                Arguments.of("a text file", "hello, world".getBytes(),
                        "labels.idx: bad magic number 0x68656c6c, expected 0x00000801 (an IDX label file)"),
                Arguments.of("a header cut before the count", Arrays.copyOf(good, 6),
                        "labels.idx: truncated header: 6 bytes, an IDX label file starts with a 8-byte header"),
                Arguments.of("a header cut before the magic ends", Arrays.copyOf(good, 3),
                        "labels.idx: truncated header: 3 bytes, an IDX label file starts with a 8-byte header"),
                Arguments.of("labels cut short", Arrays.copyOf(good, 10),
                        "labels.idx: truncated: expected 12 bytes (header 8 + 4 labels), found 10"),
                Arguments.of("bytes after the labels", Fixtures.concat(good, new byte[] {0, 0}),
                        "labels.idx: 2 bytes after the data: expected 12 bytes (header 8 + 4 labels), found 14"),
                Arguments.of("a label past 9", labelsWith(40, 12),
                        "labels.idx: label 12 at index 40 (byte offset 48) is out of range 0..9"),
                Arguments.of("a label that is a negative int8", labelsWith(7, 200),
                        "labels.idx: label 200 at index 7 (byte offset 15) is out of range 0..9"));
    }

    private static byte[] labelsWith(int index, int label) {
        int[] labels = new int[50];
        labels[index] = label;
        return Fixtures.idxLabels(labels);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLabelFiles")
    void badLabelFileIsRejectedWithItsProblem(String what, byte[] bytes, String message) {
        Path file = Fixtures.write(dir, "labels.idx", bytes);
        assertEquals(message, assertThrows(DataException.class, () -> Idx.readLabels(file, 10)).getMessage());
    }

    static Stream<Arguments> badImageFiles() {
        byte[] good = Fixtures.idxImages(2, 3, 3);
        return Stream.of(
                Arguments.of("a label file read as images", Fixtures.idxLabels(1, 2),
                        "images.idx: bad magic number 0x00000801, expected 0x00000803 (an IDX image file);"
                                + " this is a label file, not an image file"),
                Arguments.of("a header cut short", Arrays.copyOf(good, 12),
                        "images.idx: truncated header: 12 bytes, an IDX image file starts with a 16-byte header"),
                Arguments.of("pixels cut short", Arrays.copyOf(good, good.length - 1),
                        "images.idx: truncated: expected 34 bytes (header 16 + 2 images x 3 x 3 pixels), found 33"),
                Arguments.of("a negative count", Fixtures.idxImages(Idx.IMAGES_MAGIC, -1, 3, 3, new byte[0]),
                        "images.idx: dimension 0 has negative size -1"),
                Arguments.of("images without pixels", Fixtures.idxImages(Idx.IMAGES_MAGIC, 5, 0, 3, new byte[0]),
                        "images.idx: images of 0x3 pixels have no pixels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImageFiles")
    void badImageFileIsRejectedWithItsProblem(String what, byte[] bytes, String message) {
        Path file = Fixtures.write(dir, "images.idx", bytes);
        assertEquals(message, assertThrows(DataException.class, () -> Idx.readImages(file)).getMessage());
    }

    @Test
    void hugeDeclaredSizeIsATruncationNotACrash() {
        Path file = Fixtures.write(dir, "images.idx",
                Fixtures.idxImages(Idx.IMAGES_MAGIC, 60000, 28000, 28000, new byte[4]));
        assertEquals("images.idx: truncated: expected 47040000000016 bytes (header 16 + 60000 images x 28000 x 28000"
                + " pixels), found 20", assertThrows(DataException.class, () -> Idx.readImages(file)).getMessage());
    }

    @Test
    void truncatedGzippedMnistFileNamesTheFile() {
        byte[] gz = Fixtures.gzip(Fixtures.idxLabels(new int[1000]));
        Path file = Fixtures.write(dir, "t10k-labels-idx1-ubyte.gz", Arrays.copyOf(gz, gz.length - 10));
        assertEquals("t10k-labels-idx1-ubyte.gz: truncated gzip data (the file ends early; copy it again)",
                assertThrows(DataException.class, () -> Idx.readLabels(file, 10)).getMessage());
    }

    @Test
    void imageFileGivenAsLabelsMatchesTheBriefExample() {
        Path file = Fixtures.write(dir, "t10k-labels-idx1-ubyte.gz", Fixtures.gzip(Fixtures.idxImages(1, 1, 1)));
        assertEquals("t10k-labels-idx1-ubyte.gz: bad magic number 0x00000803, expected 0x00000801 (an IDX label file);"
                + " this is an image file, not a label file",
                assertThrows(DataException.class, () -> Idx.readLabels(file, 10)).getMessage());
    }
}
