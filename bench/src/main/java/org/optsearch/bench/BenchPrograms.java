package org.optsearch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.optsearch.lang.Program;

/**
 * Finds a benchmarked program by name: {@code programs/NAME.opt} of the source checkout first, so the
 * shipped programs have one source of truth, then a resource {@code NAME.opt} of this module (where
 * {@code random20.opt} lives).
 *
 * <p>The programs directory is the system property {@value #PROGRAMS_PROPERTY} when set; otherwise the
 * first {@code programs/} found walking up from {@code user.dir}.
 */
final class BenchPrograms {
    static final String PROGRAMS_PROPERTY = "optsearch.programs";

    private BenchPrograms() {
    }

    static Program load(String name) {
        List<String> tried = new ArrayList<>();
        Path dir = programsDirectory(tried);
        if (dir != null) {
            Path file = dir.resolve(name + ".opt");
            tried.add(file.toString());
            if (Files.isRegularFile(file)) {
                return parse(read(file), file.toString());
            }
        }
        String resource = name + ".opt";
        tried.add("resource " + resource);
        try (InputStream in = BenchPrograms.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "resource " + resource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
        throw new IllegalArgumentException("no program named '" + name + "'; looked for " + String.join(", ", tried)
                + " (set -D" + PROGRAMS_PROPERTY + "=DIR to point at the programs directory)");
    }

    private static Path programsDirectory(List<String> tried) {
        String configured = System.getProperty(PROGRAMS_PROPERTY);
        if (configured != null) {
            Path dir = Path.of(configured);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("-D" + PROGRAMS_PROPERTY + "=" + configured + " is not a directory");
            }
            return dir;
        }
        for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("programs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        tried.add("programs/ in " + System.getProperty("user.dir") + " or above (none found)");
        return null;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Program parse(String text, String where) {
        try {
            return Program.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
