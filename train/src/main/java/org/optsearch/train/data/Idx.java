package org.optsearch.train.data;

import java.nio.file.Path;

/**
 * The IDX format of the MNIST files: a big-endian int32 magic number (0x00000803 for images,
 * 0x00000801 for labels), the size of each dimension as a big-endian int32, then one unsigned
 * byte per value. Files may be gzipped.
 */
public final class Idx {

    /** Magic number of an IDX file of unsigned bytes in three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes in one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private Idx() {
    }

    /**
     * Greyscale images: {@code count} images of {@code rows x cols} unsigned-byte pixels, image
     * after image, each row-major; a pixel is {@code pixels[i] & 0xff}.
     */
    public record Images(String source, int count, int rows, int cols, byte[] pixels) {
        /** Pixels per image. */
        public int pixelsPerImage() {
            return rows * cols;
        }

        /** Pixel {@code (r, c)} of image {@code i}, 0..255. */
        public int pixel(int i, int r, int c) {
            return pixels[(i * rows + r) * cols + c] & 0xff;
        }
    }

    /** Images with a class label each, {@code labels[i]} in {@code 0 .. numClasses - 1}. */
    public record LabeledImages(Images images, int[] labels, int numClasses) {
        public int count() {
            return labels.length;
        }
    }

    /** Reads an image file and its label file, and checks that they agree. */
    public static LabeledImages readLabeled(Path images, Path labels, int numClasses) {
        Images im = readImages(images);
        int[] lb = readLabels(labels, numClasses);
        if (im.count() != lb.length) {
            throw new DataException(DataFiles.name(images) + " and " + DataFiles.name(labels)
                    + ": images and labels disagree: " + im.count() + " images, " + lb.length + " labels");
        }
        return new LabeledImages(im, lb, numClasses);
    }

    /** Reads an IDX image file (magic 0x00000803: count, rows, columns, then the pixels). */
    public static Images readImages(Path file) {
        byte[] bytes = DataFiles.read(file);
        String name = DataFiles.name(file);
        checkHeader(name, bytes, IMAGES_MAGIC, 16);
        int count = dimension(name, bytes, 0);
        int rows = dimension(name, bytes, 1);
        int cols = dimension(name, bytes, 2);
        if (rows == 0 || cols == 0) {
            throw new DataException(name + ": images of " + rows + "x" + cols + " pixels have no pixels");
        }
        long expected = 16 + (long) count * rows * cols;
        checkLength(name, bytes, expected, "header 16 + " + count + " images x " + rows + " x " + cols + " pixels");
        byte[] pixels = new byte[(int) (expected - 16)];
        System.arraycopy(bytes, 16, pixels, 0, pixels.length);
        return new Images(name, count, rows, cols, pixels);
    }

    /** Reads an IDX label file (magic 0x00000801: count, then one byte per label), each in range. */
    public static int[] readLabels(Path file, int numClasses) {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("number of classes must be in 1..256, got " + numClasses);
        }
        byte[] bytes = DataFiles.read(file);
        String name = DataFiles.name(file);
        checkHeader(name, bytes, LABELS_MAGIC, 8);
        int count = dimension(name, bytes, 0);
        checkLength(name, bytes, 8L + count, "header 8 + " + count + " labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            int label = bytes[8 + i] & 0xff;
            if (label >= numClasses) {
                throw new DataException(name + ": label " + label + " at index " + i + " is out of range 0.."
                        + (numClasses - 1));
            }
            labels[i] = label;
        }
        return labels;
    }

    private static void checkHeader(String name, byte[] bytes, int magic, int headerBytes) {
        String kind = magic == IMAGES_MAGIC ? "an IDX image file" : "an IDX label file";
        if (bytes.length < 4) {
            throw new DataException(name + ": truncated header: " + bytes.length + " bytes, " + kind
                    + " starts with a " + headerBytes + "-byte header");
        }
        int found = readInt(bytes, 0);
        if (found != magic) {
            String hint = found == IMAGES_MAGIC ? "; this is an image file, not a label file"
                    : found == LABELS_MAGIC ? "; this is a label file, not an image file" : "";
            throw new DataException(name + ": bad magic number " + hex(found) + ", expected " + hex(magic)
                    + " (" + kind + ")" + hint);
        }
        if (bytes.length < headerBytes) {
            throw new DataException(name + ": truncated header: " + bytes.length + " bytes, " + kind
                    + " starts with a " + headerBytes + "-byte header");
        }
    }

    private static int dimension(String name, byte[] bytes, int index) {
        int size = readInt(bytes, 4 + 4 * index);
        if (size < 0) {
            throw new DataException(name + ": dimension " + index + " has negative size " + size);
        }
        return size;
    }

    private static void checkLength(String name, byte[] bytes, long expected, String layout) {
        if (bytes.length < expected) {
            throw new DataException(name + ": truncated: expected " + expected + " bytes (" + layout + "), found "
                    + bytes.length);
        }
        if (bytes.length > expected) {
            throw new DataException(name + ": " + (bytes.length - expected) + " bytes after the data: expected "
                    + expected + " bytes (" + layout + "), found " + bytes.length);
        }
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
