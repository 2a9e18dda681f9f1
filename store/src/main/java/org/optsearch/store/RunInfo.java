package org.optsearch.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.optsearch.search.SearchConfig;

/**
 * What a run is and where it came from: its config and the provenance a reader needs to trust or
 * repeat it.
 *
 * @param started     when the run started
 * @param configJson  the search config as canonical JSON ({@link ConfigJson#write})
 * @param commandLine the command that started it, or null
 * @param version     OptSearch's version, {@code dev} outside a build
 * @param gitCommit   the working directory's git commit, or null
 * @param jvm         {@code java.vm.name} and {@code java.version}
 * @param os          {@code os.name}, {@code os.version}, {@code os.arch}
 * @param host        the host name, or null
 */
public record RunInfo(Instant started, String configJson, String commandLine, String version, String gitCommit,
        String jvm, String os, String host) {

    public RunInfo {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(os, "os");
    }

    /** A run of {@code config} starting now, with this process's provenance. */
    public static RunInfo of(SearchConfig config, String commandLine) {
        return of(ConfigJson.write(config), commandLine, Instant.now());
    }

    /** A run with the given config JSON, with this process's provenance. */
    public static RunInfo of(String configJson, String commandLine, Instant started) {
        return new RunInfo(started, configJson, commandLine, currentVersion(),
                gitCommit(Path.of("").toAbsolutePath()), currentJvm(), currentOs(), currentHost());
    }

    /** {@code optsearch 0.1.0}: the meta table's {@code created_by}. */
    public String createdBy() {
        return "optsearch " + version;
    }

    /** The version Maven wrote into this module's {@code version.properties}, or {@code dev}. */
    public static String currentVersion() {
        try (InputStream in = RunInfo.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return v.trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "dev";
    }

    /** {@code git rev-parse HEAD} in {@code dir} (two seconds at most); null when that fails for any reason. */
    public static String gitCommit(Path dir) {
        Process p = null;
        try {
            p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null; // its 41 bytes of output fit in the pipe: waiting first cannot block on it
            }
            byte[] out = p.getInputStream().readNBytes(200);
            String commit = new String(out, StandardCharsets.US_ASCII).trim();
            return commit.matches("[0-9a-f]{40}([0-9a-f]{24})?") ? commit : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    static String currentJvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    static String currentOs() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    /** From the environment or {@code /etc/hostname}: no network lookup. */
    static String currentHost() {
        for (String name : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String v = System.getenv(name);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String v = Files.readString(etc, StandardCharsets.UTF_8).trim();
                return v.isEmpty() ? null : v;
            }
        } catch (IOException | RuntimeException e) {
            // no host name
        }
        return null;
    }
}
