package org.optsearch.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A worker in its own JVM ({@link WorkerMain}), its log in a file; signals sent with kill(1). */
final class ChildWorker implements AutoCloseable {
    final Process process;
    final Path log;

    ChildWorker(HostPort join, int slots, String token, Path dir, String name) throws IOException {
        this.log = dir.resolve(name + ".log");
        Path cache = dir.resolve(name + "-cache");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-Doptsearch.home=" + repoRoot(),
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName(), join.toString(),
                Integer.toString(slots), token == null ? "-" : token, cache.toString());
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Path repoRoot() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** A free loopback port for a coordinator. */
    static HostPort freeLoopback() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new HostPort("127.0.0.1", s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (at most 90 s, a safety net, not a bound the test checks) until the log says {@code what}. */
    boolean awaitLog(Predicate<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (what.test(log())) {
                return true;
            }
            Thread.sleep(100);
        }
        return what.test(log());
    }

    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
