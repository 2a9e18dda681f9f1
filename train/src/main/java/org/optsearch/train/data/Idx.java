package org.optsearch.train.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

    /**
     * Reads training images and labels whose classes are inferred: {@code 0 .. k-1}, {@code k} one
     * more than the largest label, every class with at least one example (a gap, such as a stray
     * byte 255 among the digits 0..9, is refused, naming the file, the index and the value).
     */
    public static LabeledImages readTraining(Path images, Path labels) {
        LabeledImages all = readLabeled(images, labels, 256);
        return new LabeledImages(all.images(), all.labels(), classesOf(DataFiles.name(labels), all.labels()));
    }

    /** Reads held-out images and labels, each label one of the training set's {@code numClasses}. */
    public static LabeledImages readHeldOut(Path images, Path labels, int numClasses) {
        LabeledImages all = readLabeled(images, labels, 256);
        String name = DataFiles.name(labels);
        int[] lb = all.labels();
        for (int i = 0; i < lb.length; i++) {
            if (lb[i] >= numClasses) {
                throw new DataException(name + ": label " + lb[i] + " at index " + i + " (byte offset " + (8 + i)
                        + ") is not a class of the training labels (0.." + (numClasses - 1) + ")");
            }
        }
        return new LabeledImages(all.images(), lb, numClasses);
    }

    /** The number of classes of training labels, {@code max + 1}, if every class in between occurs. */
    static int classesOf(String name, int[] labels) {
        if (labels.length == 0) {
            throw new DataException(name + ": no labels (the file declares 0 examples)");
        }
        int[] counts = new int[256];
        int max = 0;
        for (int label : labels) {
            counts[label]++;
            max = Math.max(max, label);
        }
        int missing = 0;
        int firstMissing = -1;
        for (int k = 0; k < max; k++) {
            if (counts[k] == 0) {
                missing++;
                firstMissing = firstMissing < 0 ? k : firstMissing;
            }
        }
        if (missing > 0) {
            int at = indexOf(labels, max);
            throw new DataException(name + ": label " + max + " at index " + at + " (byte offset " + (8 + at)
                    + ") leaves " + missing + " of the classes 0.." + max + " without any example (the first is "
                    + firstMissing + "); classes are the labels 0..k-1 without gaps, so fix or drop that label");
        }
        if (max == 0) {
            throw new DataException(name + ": every label is 0; classification needs at least two classes");
        }
        return max + 1;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** Reads an IDX image file (magic 0x00000803: count, rows, columns, then the pixels). */
    public static Images readImages(Path file) {
        return readImages(file, DataFiles.MAX_BYTES);
    }

    /** As {@link #readImages(Path)}, refusing files of more than {@code limit} bytes. */
    static Images readImages(Path file, long limit) {
        String name = DataFiles.name(file);
        try (InputStream in = DataFiles.open(file, limit)) {
            byte[] header = header(name, in, IMAGES_MAGIC, 16);
            int count = dimension(name, header, 0);
            int rows = dimension(name, header, 1);
            int cols = dimension(name, header, 2);
            if (rows == 0 || cols == 0) {
                throw new DataException(name + ": images of " + rows + "x" + cols + " pixels have no pixels");
            }
            long expected = 16 + (long) count * rows * cols;
            byte[] pixels = body(name, in, 16, expected, limit, "header 16 + " + count + " images x " + rows + " x " + cols
                    + " pixels");
            return new Images(name, count, rows, cols, pixels);
        } catch (IOException e) {
            throw DataFiles.failure(file, e);
        }
    }

    /** Reads an IDX label file (magic 0x00000801: count, then one byte per label), each in range. */
    public static int[] readLabels(Path file, int numClasses) {
        if (numClasses < 1 || numClasses > 256) {
            throw new IllegalArgumentException("number of classes must be in 1..256, got " + numClasses);
        }
        String name = DataFiles.name(file);
        byte[] bytes;
        try (InputStream in = DataFiles.open(file, DataFiles.MAX_BYTES)) {
            int count = dimension(name, header(name, in, LABELS_MAGIC, 8), 0);
            bytes = body(name, in, 8, 8L + count, DataFiles.MAX_BYTES, "header 8 + " + count + " labels");
        } catch (IOException e) {
            throw DataFiles.failure(file, e);
        }
        int[] labels = new int[bytes.length];
        for (int i = 0; i < labels.length; i++) {
            int label = bytes[i] & 0xff;
            if (label >= numClasses) {
                throw new DataException(name + ": label " + label + " at index " + i + " (byte offset " + (8 + i)
                        + ") is out of range 0.." + (numClasses - 1));
            }
            labels[i] = label;
        }
        return labels;
    }

    /** The header's bytes after the magic number, which is checked first (so a wrong file stops at once). */
    private static byte[] header(String name, InputStream in, int magic, int headerBytes) throws IOException {
        String kind = magic == IMAGES_MAGIC ? "an IDX image file" : "an IDX label file";
        byte[] header = in.readNBytes(headerBytes);
        if (header.length == 0) {
            throw new DataException(name + ": empty file");
        }
        if (header.length < 4) {
            throw new DataException(name + ": truncated header: " + header.length + " bytes, " + kind
                    + " starts with a " + headerBytes + "-byte header");
        }
        int found = readInt(header, 0);
        if (found != magic) {
            String hint = found == IMAGES_MAGIC ? "; this is an image file, not a label file"
                    : found == LABELS_MAGIC ? "; this is a label file, not an image file" : "";
            throw new DataException(name + ": bad magic number " + hex(found) + ", expected " + hex(magic)
                    + " (" + kind + ")" + hint);
        }
        if (header.length < headerBytes) {
            throw new DataException(name + ": truncated header: " + header.length + " bytes, " + kind
                    + " starts with a " + headerBytes + "-byte header");
        }
        return header;
    }

    private static int dimension(String name, byte[] header, int index) {
        int size = readInt(header, 4 + 4 * index);
        if (size < 0) {
            throw new DataException(name + ": dimension " + index + " has negative size " + size);
        }
        return size;
    }

    /**
     * The data after the header: exactly {@code expected - header} bytes, then the end of the file.
     * Reads no more than the file holds (a header that declares terabytes is a truncation).
     */
    private static byte[] body(String name, InputStream in, int headerBytes, long expected, long limit,
            String layout) throws IOException {
        long wanted = expected - headerBytes;
        byte[] data = in.readNBytes((int) Math.min(wanted, Math.min(limit + 1, Integer.MAX_VALUE - 8)));
        if (data.length < wanted) {
            throw new DataException(name + ": truncated: expected " + expected + " bytes (" + layout + "), found "
                    + (headerBytes + data.length));
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new DataException(name + ": " + extra + " bytes after the data: expected " + expected + " bytes ("
                    + layout + "), found " + (expected + extra));
        }
        return data;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
