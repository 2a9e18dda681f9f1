package org.optsearch.train.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
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

/** Reading a data file whole: missing and empty files, gzip by magic bytes, strict UTF-8. */
final class DataFiles {

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

    /** The file's content, decompressed if it is gzip (whatever its name); never empty. */
    static byte[] read(Path file) {
        return load(file).bytes();
    }

    /** The file's content as UTF-8 text (see {@link #read}), without a leading byte-order mark. */
    static String readText(Path file) {
        Content content = load(file);
        return utf8(file, content.bytes(), content.gzipped());
    }

    private record Content(byte[] bytes, boolean gzipped) {
    }

    private static Content load(Path file) {
        byte[] raw = readRaw(file);
        if (raw.length == 0) {
            throw new DataException(name(file) + ": empty file");
        }
        if (!isGzip(raw)) {
            return new Content(raw, false);
        }
        byte[] content = gunzip(file, raw);
        if (content.length == 0) {
            throw new DataException(name(file) + ": empty file (gzip data that decompresses to nothing)");
        }
        return new Content(content, true);
    }

    private static byte[] readRaw(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e, e);
        }
    }

    private static byte[] gunzip(Path file, byte[] raw) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new DataException(name(file) + ": truncated gzip data (the file ends early; copy it again)", e);
        } catch (ZipException e) {
            throw new DataException(name(file) + ": corrupt gzip data (" + e.getMessage() + "); copy it again", e);
        } catch (IOException e) {
            throw new DataException(name(file) + ": cannot decompress: " + e, e);
        }
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
