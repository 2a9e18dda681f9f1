package org.optsearch.train.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reading a data file: missing and empty files, gzip by magic bytes, strict UTF-8, and size limits
 * checked while reading, so that an endless file ({@code /dev/zero}, a pipe) or a gzip bomb stops
 * with a message instead of filling memory.
 */
final class DataFiles {

    /** Most bytes of a binary data file (IDX), after decompression: 1 GiB. */
    static final long MAX_BYTES = 1L << 30;
    /** Most bytes of a text data file (CSV, text), after decompression: 256 MiB. */
    static final long MAX_TEXT_BYTES = 256L << 20;

    private DataFiles() {
    }

    /** The name errors give a file by: its file name, as in {@code data.csv:17: ...}. */
    static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** Whether {@code bytes} start with the gzip magic number 0x1f 0x8b. */
    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** The file's content, decompressed if it is gzip (whatever its name); never empty; at most {@link #MAX_BYTES}. */
    static byte[] read(Path file) {
        return read(file, MAX_BYTES);
    }

    /** As {@link #read(Path)}, refusing more than {@code limit} bytes (raw or decompressed) without reading them all. */
    static byte[] read(Path file, long limit) {
        return load(file, limit, false).bytes();
    }

    /** The file's content as UTF-8 text (see {@link #read}), without a leading byte-order mark; at most {@link #MAX_TEXT_BYTES}. */
    static String readText(Path file) {
        return readText(file, MAX_TEXT_BYTES);
    }

    /** As {@link #readText(Path)} with a limit of {@code limit} bytes. */
    static String readText(Path file, long limit) {
        Content content = load(file, limit, true);
        return utf8(file, content.bytes(), content.gzipped());
    }

    /**
     * The file's content as a stream, decompressed if it is gzip, that throws a {@link DataException}
     * once more than {@code limit} bytes are read: for formats whose header says how much follows.
     */
    static InputStream open(Path file, long limit) {
        checkReadable(file);
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            byte[] magic = raw.readNBytes(2);
            raw.reset();
            InputStream content = isGzip(magic) ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new Bounded(file, content, limit, isGzip(magic));
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /** The message for a failed read of {@code file} (a truncated or corrupt gzip stream, an I/O error). */
    static DataException failure(Path file, IOException e) {
        if (e instanceof DataException.Wrapped w) {
            return w.getCause();
        }
        if (e instanceof EOFException) {
            return new DataException(name(file) + ": truncated gzip data (the file ends early; copy it again)", e);
        }
        if (e instanceof ZipException) {
            return new DataException(name(file) + ": corrupt gzip data (" + e.getMessage() + "); copy it again", e);
        }
        return new DataException(file + ": cannot read: " + e, e);
    }

    private record Content(byte[] bytes, boolean gzipped) {
    }

    /** @param text whether the file must be text: a NUL byte stops the reading at once (binary data, /dev/zero) */
    private static Content load(Path file, long limit, boolean text) {
        byte[] bytes;
        boolean gzipped;
        try (InputStream in = open(file, limit)) {
            gzipped = ((Bounded) in).gzipped;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (text) {
                    for (int i = 0; i < n; i++) {
                        if (chunk[i] == 0) {
                            throw new DataException(name(file) + ": a NUL byte at byte " + (out.size() + i)
                                    + (gzipped ? " of the decompressed text" : "")
                                    + ": this is binary data, not text (the file must be UTF-8 text)");
                        }
                    }
                }
                out.write(chunk, 0, n);
            }
            bytes = out.toByteArray();
        } catch (IOException e) {
            throw failure(file, e);
        }
        if (bytes.length == 0) {
            throw new DataException(name(file) + (gzipped ? ": empty file (gzip data that decompresses to nothing)"
                    : ": empty file"));
        }
        return new Content(bytes, gzipped);
    }

    private static void checkReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a file");
        }
        if (!Files.exists(file)) {
            throw new DataException("no such file: " + file.toAbsolutePath());
        }
    }

    /** Counts what is read and stops with a {@link DataException} past the limit. */
    private static final class Bounded extends FilterInputStream {
        private final Path file;
        private final long limit;
        private final boolean gzipped;
        private long count;

        Bounded(Path file, InputStream in, long limit, boolean gzipped) {
            super(in);
            this.file = file;
            this.limit = limit;
            this.gzipped = gzipped;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, limit + 1 - count));
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 1 << 16))]));
        }

        private void counted(int n) throws DataException.Wrapped {
            count += n;
            if (count > limit) {
                throw new DataException.Wrapped(new DataException(name(file) + ": more than " + bytes(limit)
                        + (gzipped ? " after decompression" : "") + "; a data file may hold at most " + bytes(limit)
                        + " (is it the right file? endless inputs such as /dev/zero are refused)"));
            }
        }
    }

    /** {@code 256 MiB}, {@code 1 GiB}, or a count of bytes. */
    static String bytes(long n) {
        if (n >= 1L << 30 && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= 1L << 20 && n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n + " bytes";
    }

    /**
     * The bytes as UTF-8 text, without a leading byte-order mark.
     *
     * @param gzipped whether the bytes were decompressed (errors then say that offsets are of the text)
     */
    private static String utf8(Path file, byte[] bytes, boolean gzipped) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new DataException(name(file) + ": invalid UTF-8 at byte " + in.position()
                    + (gzipped ? " of the decompressed text" : "") + " (the file must be UTF-8 text)");
        }
        try {
            result = decoder.flush(out);
            if (result.isError()) {
                result.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new DataException(name(file) + ": invalid UTF-8 at the end of the file", e);
        }
        out.flip();
        if (out.length() > 0 && out.charAt(0) == '\uFEFF') {
            out.position(1);
        }
        return out.toString();
    }
}
