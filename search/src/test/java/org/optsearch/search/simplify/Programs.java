package org.optsearch.search.simplify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optsearch.lang.Program;

/** The optimizer programs shipped in {@code programs/}, found by walking up from the working directory. */
final class Programs {
    private Programs() {
    }

    static Program load(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("programs").resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return Program.parse(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("no programs/" + name + " above " + Path.of("").toAbsolutePath());
    }
}
