package org.optsearch.lang;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The optimizer programs shipped in the repository's {@code programs/} folder, for tests of any module. */
public final class ShippedPrograms {
    private ShippedPrograms() {
    }

    /** The {@code programs/} folder: found by walking up from the working directory (the module or the root). */
    public static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("programs");
            if (Files.isDirectory(candidate) && Files.exists(candidate.resolve("lion.opt"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no programs/ folder above " + Path.of("").toAbsolutePath());
    }

    /** File names ({@code lion.opt}, ...), sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".opt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        try {
            return Files.readString(directory().resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Program load(String name) {
        return Program.parse(text(name));
    }

    /** Every shipped program by file name, sorted. */
    public static Map<String, Program> all() {
        Map<String, Program> all = new TreeMap<>();
        for (String name : names()) {
            all.put(name, load(name));
        }
        return all;
    }
}
