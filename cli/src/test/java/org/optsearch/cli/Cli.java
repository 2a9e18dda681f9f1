package org.optsearch.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the command line in-process, capturing what it writes; finds the repository's programs. */
final class Cli {

    /** What one run did: its exit code and everything it wrote. */
    record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {
    }

    static Run run(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = Stream.of(args).map(String::valueOf).toArray(String[]::new);
        int exit = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(strings);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The repository root: the nearest directory, from the working directory up, that has programs/. */
    static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("programs"))) {
                return d;
            }
        }
        throw new IllegalStateException("no programs/ directory in " + dir + " or above it");
    }

    static Path program(String name) {
        return repoRoot().resolve("programs").resolve(name);
    }

    /** Every shipped program, sorted by name. */
    static List<Path> shippedPrograms() {
        try (Stream<Path> files = Files.list(repoRoot().resolve("programs"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".opt")).sorted().toList();
            if (list.isEmpty()) {
                throw new IllegalStateException("no .opt files in " + repoRoot().resolve("programs"));
            }
            return list;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
