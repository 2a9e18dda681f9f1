package org.optsearch.train.task.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads and writes task files ({@code docs/tasks.md}). Every problem is a {@link TaskSpecException}
 * with a one-line message such as {@code tasks/my.yaml:7:12: $.model.hidden[1]: must be a positive
 * integer, got -3}.
 */
public final class TaskSpecs {

    /** Task files larger than this are refused unread. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    private TaskSpecs() {}

    /** The syntax of a task file. */
    public enum Format {
        /** JSON, with {@code //} and {@code /* *}{@code /} comments and trailing commas allowed. */
        JSON,
        /** YAML (1.1, one document). */
        YAML;

        /**
         * The format named by the file's extension: {@code .json}, or {@code .yaml} / {@code .yml}
         * (any case).
         */
        public static Format of(Path file) {
            String name = String.valueOf(file.getFileName());
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            switch (ext) {
                case "json":
                    return JSON;
                case "yaml":
                case "yml":
                    return YAML;
                default:
                    throw new TaskSpecException(file.toString(), null, 0, 0, (dot < 0
                            ? "a task file needs an extension"
                            : "unsupported extension '." + name.substring(dot + 1) + "'")
                            + "; use .json, .yaml or .yml");
            }
        }
    }

    /**
     * Reads a task file; its relative data paths are resolved against the file's folder. Messages
     * name the file as {@code file} is spelled.
     */
    public static TaskSpec read(Path file) {
        Format format = Format.of(file);
        String name = file.toString();
        String text;
        try {
            text = readBounded(file, name);
        } catch (NoSuchFileException e) {
            throw new TaskSpecException(name, null, 0, 0, "cannot read: no such file", e);
        } catch (AccessDeniedException e) {
            throw new TaskSpecException(name, null, 0, 0, "cannot read: permission denied", e);
        } catch (CharacterCodingException e) {
            throw new TaskSpecException(name, null, 0, 0, "cannot read: not UTF-8 text", e);
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a folder" : String.valueOf(e.getMessage());
            throw new TaskSpecException(name, null, 0, 0, "cannot read: " + reason, e);
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(text, format, dir, name);
    }

    /**
     * The file's text, strict UTF-8; more than {@link #MAX_FILE_BYTES} is refused while reading (a
     * device such as {@code /dev/zero} or a pipe has no size to check first).
     */
    private static String readBounded(Path file, String name) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > MAX_FILE_BYTES) {
            throw tooLarge(name, Files.size(file) + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(name, "more than " + MAX_FILE_BYTES + " bytes");
        }
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static TaskSpecException tooLarge(String name, String size) {
        return new TaskSpecException(name, null, 0, 0, "the file has " + size + "; a task file may have at most "
                + MAX_FILE_BYTES + " bytes (1 MiB)");
    }

    /**
     * Parses a task held in memory.
     *
     * @param baseDir              relative data paths are resolved against this folder (made absolute)
     * @param fileNameForMessages  how error messages name the task, e.g. {@code "tasks/my.yaml"}
     */
    public static TaskSpec parse(String text, Format format, Path baseDir, String fileNameForMessages) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fileNameForMessages, "fileNameForMessages");
        Path dir = Objects.requireNonNull(baseDir, "baseDir").toAbsolutePath().normalize();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return SpecReader.read(SpecDocument.parse(text, format, fileNameForMessages), dir);
    }

    /**
     * The canonical JSON of {@code spec}, with absolute paths: every key written (defaults
     * included) in a fixed order, two-space indentation, {@code \n} line ends. For any folder
     * {@code d}, {@code parse(write(spec), JSON, d, ...)} equals {@code spec}.
     */
    public static String write(TaskSpec spec) {
        return SpecWriter.write(Objects.requireNonNull(spec, "spec"), null);
    }

    /**
     * As {@link #write(TaskSpec)}, with data paths relative to {@code baseDir} ({@code /}
     * separators), for a task file to be saved in that folder: {@code parse(write(spec, d), JSON,
     * d, ...)} equals {@code spec}. Paths on another root (drive) stay absolute.
     */
    public static String write(TaskSpec spec, Path baseDir) {
        return SpecWriter.write(Objects.requireNonNull(spec, "spec"), Objects.requireNonNull(baseDir, "baseDir"));
    }
}
