package org.optsearch.optim.export;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Python 3 with PyTorch (package {@code python3-torch}, which brings numpy) for the export tests.
 * {@code /usr/bin/python3}, not the first {@code python3} on PATH: that may be another installation
 * without torch. When it cannot import what a test needs, the test fails and says how to install it;
 * with {@code -Doptsearch.skipTorch=true} the Python tests are skipped instead.
 */
public final class Python {
    /** Where Debian installs it; override with -Doptsearch.python=PATH. */
    static final Path BINARY = Path.of(System.getProperty("optsearch.python", "/usr/bin/python3"));
    private static final long TIMEOUT_SECONDS = 600;
    private static final Map<String, Boolean> IMPORTABLE = new HashMap<>();
    private static final String HOW = "Install Debian's PyTorch (it brings numpy) with `apt-get update && "
            + "apt-get install -y python3-torch`, or run ./test as root, which installs it; point "
            + "-Doptsearch.python=PATH at another Python with torch and numpy; or skip these tests with "
            + "-Doptsearch.skipTorch=true.";

    private Python() {
    }

    /** What one run left: its exit status and what it wrote. */
    public record Result(int exit, String stdout, String stderr) {
    }

    /**
     * Skips the calling test when -Doptsearch.skipTorch=true; otherwise fails, saying how to install
     * them, unless {@link #BINARY} can import every module named.
     */
    public static void require(String... modules) {
        require(BINARY, Boolean.getBoolean("optsearch.skipTorch"), modules);
    }

    /**
     * Skips the calling test when {@code skip} (the user opted out with -Doptsearch.skipTorch=true);
     * otherwise fails, never skips, unless {@code python} can import every module named.
     */
    static void require(Path python, boolean skip, String... modules) {
        Assumptions.assumeFalse(skip, "Python export tests skipped: -Doptsearch.skipTorch=true");
        if (!Files.isExecutable(python)) {
            fail("the export tests run the exported optimizers with " + python + ", which is missing. " + HOW);
        }
        for (String module : modules) {
            if (!importable(python, module)) {
                fail(python + " cannot `import " + module + "`, which the export tests need. " + HOW);
            }
        }
    }

    private static synchronized boolean importable(Path python, String module) {
        return IMPORTABLE.computeIfAbsent(python + " " + module, key -> {
            try {
                return run(python, List.of("-c", "import " + module),
                        Path.of(System.getProperty("java.io.tmpdir"))).exit() == 0;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Runs {@link #BINARY} with {@code args} in {@code dir}, one thread for torch (others are working). */
    public static Result run(List<String> args, Path dir) throws IOException {
        return run(BINARY, args, dir);
    }

    private static Result run(Path python, List<String> args, Path dir) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "python", ".out");
        Path err = Files.createTempFile(dir, "python", ".err");
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = builder.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("python did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd) + "\n"
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while waiting for python", e);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Copies a script from the test resources ({@code export/NAME}) into {@code dir}. */
    static Path script(String name, Path dir) throws IOException {
        try (InputStream in = Python.class.getResourceAsStream("/export/" + name)) {
            if (in == null) {
                throw new IOException("no test resource export/" + name);
            }
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
