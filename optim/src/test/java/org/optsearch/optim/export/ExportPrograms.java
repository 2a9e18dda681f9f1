package org.optsearch.optim.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.optsearch.optim.Lookahead;
import org.optsearch.optim.Optimizers;

/**
 * The programs the export tests run: every shipped program ({@code programs/*.opt} of the repository,
 * whatever is there), the test programs in {@code src/test/resources/export}, which use the reductions,
 * division by zero, every function, and names that Python or the generated code reserve,
 * {@link #LOOKAHEAD} and {@link #ODDITIES}.
 */
final class ExportPrograms {
    /**
     * A program whose text and file name must survive escaping: CRLF line ends, trailing spaces and tabs
     * (which a Java text block would drop), a file name with quotes, a non-ASCII letter and a Javadoc tag.
     */
    static final ExportSource ODDITIES = ExportSource.parse("odd \"quoted\" \u00e9 {@code}.opt",
            "# CRLF line ends, trailing spaces and tabs   \t\r\ndef train(w, g, m, lr, beta=0.9):\t\r\n"
                    + "  m = interp(g, m, beta)  \r\n\r\n  update = m * lr\r\n  return update, m \t\r\n");

    /** A program that Lookahead.wrap writes: Lion with Lookahead every 3 steps. */
    static final ExportSource LOOKAHEAD = ExportSource.parse("lookahead_lion.opt",
            Lookahead.wrap(Optimizers.shipped("lion"), 3, 0.5).print());

    private ExportPrograms() {
    }

    /** Every shipped program, {@link #LOOKAHEAD}, every test program, then {@link #ODDITIES}; each named by its file. */
    static List<ExportSource> all() {
        List<ExportSource> list = new ArrayList<>(shipped());
        list.add(LOOKAHEAD);
        list.addAll(extra());
        list.add(ODDITIES);
        return list;
    }

    static List<ExportSource> shipped() {
        return read(repoRoot().resolve("programs"));
    }

    static List<ExportSource> extra() {
        try {
            return read(Path.of(ExportPrograms.class.getResource("/export").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExportSource named(String fileName) {
        return all().stream().filter(s -> s.fileName().equals(fileName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no program " + fileName));
    }

    private static List<ExportSource> read(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<ExportSource> list = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".opt")).sorted().toList()) {
                list.add(ExportSource.parse(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
            if (list.isEmpty()) {
                throw new IllegalStateException("no .opt files in " + dir);
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
