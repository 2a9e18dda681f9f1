package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's package {@code chromium}) for the browser tests: renders a local HTML file
 * to a screenshot or a DOM dump and collects what the page logged. With {@code --enable-logging=stderr},
 * Chromium writes every console message and uncaught error as a line with {@code CONSOLE} in it, e.g.
 * {@code [...:INFO:CONSOLE:1] "Uncaught Error: x", source: file:///...} (older versions: {@code CONSOLE(1)]}).
 */
final class Chromium {
    /** Where Debian installs it; override with -Doptsearch.chromium=PATH. */
    static final Path BINARY = Path.of(System.getProperty("optsearch.chromium", "/usr/bin/chromium"));
    private static final long TIMEOUT_SECONDS = 120;
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]|\\bUncaught\\b");

    private Chromium() {
    }

    /** What one run of Chromium left: its exit status, its standard output, and its log lines. */
    record Result(int exit, String stdout, List<String> log) {
        /** Console messages, uncaught errors and policy violations the page caused; the report should cause none. */
        List<String> consoleProblems() {
            return log.stream().filter(l -> CONSOLE.matcher(l).find()).toList();
        }
    }

    /** Fails, saying how to install it, when Chromium is not there. */
    static void requireInstalled() {
        requireInstalled(BINARY);
    }

    /** Fails, never skips, when {@code binary} is not an executable: the tests must not pass without a browser. */
    static void requireInstalled(Path binary) {
        if (!Files.isExecutable(binary)) {
            fail("headless Chromium is needed to render the report in a browser, but " + binary + " is missing. "
                    + "Install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu), or run "
                    + "./test as root, which installs it; point -Doptsearch.chromium=PATH at another build; or "
                    + "leave these tests out with -DexcludedGroups=browser.");
        }
    }

    /** Takes a screenshot of {@code html} in a window of the given size. */
    static Result screenshot(Path html, Path png, int width, int height, Path scratch) throws Exception {
        return run(html, scratch, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
    }

    /** The page's DOM after loading, as Chromium serializes it (on standard output). */
    static Result dumpDom(Path html, Path scratch) throws Exception {
        return run(html, scratch, "--dump-dom");
    }

    private static Result run(Path html, Path scratch, String... what) throws Exception {
        requireInstalled();
        Path profile = Files.createDirectories(scratch.resolve("profile"));
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=5000"));
        cmd.addAll(List.of(what));
        cmd.add(html.toAbsolutePath().toUri().toString());
        Path out = scratch.resolve("stdout.txt");
        Path err = scratch.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd) + "\n"
                    + read(err));
        }
        return new Result(p.exitValue(), read(out), read(err).lines().toList());
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
