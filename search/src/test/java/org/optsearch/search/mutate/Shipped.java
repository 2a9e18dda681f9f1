package org.optsearch.search.mutate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/** The repository's {@code programs/} and small helpers for the mutation tests. */
final class Shipped {
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?");

    private Shipped() {
    }

    /** The {@code programs/} folder, found walking up from {@code user.dir}. */
    static Path directory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("programs");
            if (Files.isRegularFile(candidate.resolve("lion.opt"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no programs/ folder above " + System.getProperty("user.dir"));
    }

    static Program load(String name) {
        try {
            return Program.parse(Files.readString(directory().resolve(name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names of every shipped program, sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".opt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical text with every number replaced by {@code #}: equal for programs that differ only in constants. */
    static String masked(Program p) {
        return NUMBER.matcher(p.print()).replaceAll("#");
    }

    /** Every constant of the body, in order. */
    static List<Double> constants(Program p) {
        List<Double> out = new ArrayList<>();
        for (Statement s : p.statements()) {
            for (Operand a : s.args()) {
                if (a instanceof Operand.Const c) {
                    out.add(c.value());
                }
            }
        }
        return out;
    }

    /** How many constants differ between two programs of the same structure ({@link #masked} equal). */
    static int changedConstants(Program before, Program after) {
        List<Double> a = constants(before);
        List<Double> b = constants(after);
        int changed = 0;
        for (int k = 0; k < a.size(); k++) {
            changed += a.get(k).equals(b.get(k)) ? 0 : 1;
        }
        return changed;
    }
}
