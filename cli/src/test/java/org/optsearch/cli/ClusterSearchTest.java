package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.search.StageName;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoredEvaluation;
import org.optsearch.store.StoredRun;

/**
 * A clustered search end to end, every process its own JVM on loopback: a coordinator and two workers;
 * one worker is killed (SIGKILL) in the middle of an evaluation; the search still finishes, with each
 * evaluation recorded once and as many as a search in one JVM records on the same budget. Then a
 * coordinator killed the same way is resumed, and the worker left waiting joins it by itself.
 */
class ClusterSearchTest {
    private static final String[] SEARCH = {"--tasks", "breast-cancer-mlp", "--tasks-b", "none", "--tasks-c", "none",
        "--population", "10", "--seed", "3"};

    @Test
    void aSearchOutlivesAWorkerKilledMidEvaluationAndRecordsEachEvaluationOnce(@TempDir Path dir) throws Exception {
        String listen = "127.0.0.1:" + freePort();
        Path db = dir.resolve("cluster.db");
        try (Child one = worker(dir, "one", listen); Child two = worker(dir, "two", listen);
                Child search = search(dir, "search", listen, db, "--budget", "30-evals")) {
            killInTheMiddleOfAnEvaluation(one);
            assertTrue(search.process.waitFor(150, TimeUnit.SECONDS), "the search did not finish: " + search.log());
            String said = search.log();
            assertEquals(0, search.process.exitValue(), said);
            assertTrue(said.contains("left"), said);
            assertTrue(said.contains("sent again"), "the killed worker's evaluation was sent again: " + said);
            assertFalse(said.contains("Exception"), said);

            List<StoredEvaluation> stored = evaluations(db);
            assertEquals(30, stored.size(), "the budget, each evaluation once");
            assertEquals(30, stored.stream().map(StoredEvaluation::programId).distinct().count(), "no program twice");
            assertTrue(stored.stream().allMatch(e -> e.stage() == StageName.A));
        }
        Cli.Run single = Cli.run(args(List.of("search", "--workers", "2", "--budget", "30-evals", "--store",
                dir.resolve("single.db").toString(), "--json")));
        assertEquals(0, single.exit(), single.err());
        assertEquals(30, evaluations(dir.resolve("single.db")).size(), "the same count in one JVM");
    }

    @Test
    void aKilledCoordinatorResumesAndItsWorkerJoinsItAgain(@TempDir Path dir) throws Exception {
        String listen = "127.0.0.1:" + freePort();
        Path db = dir.resolve("run.db");
        try (Child worker = worker(dir, "worker", listen)) {
            try (Child first = search(dir, "first", listen, db, "--budget", "1000-evals")) {
                assertTrue(worker.awaitLog(log -> count(log, "evaluated ") >= 5), worker.log());
                first.process.destroyForcibly(); // SIGKILL: no shutdown hook, the store is left as it was
                first.process.waitFor(30, TimeUnit.SECONDS);
            }
            assertTrue(worker.awaitLog(log -> log.contains("left; waiting")), worker.log());
            int before = evaluations(db).size();
            try (Child resumed = child(dir, "resumed", List.of("search", "--resume", db.toString(), "--budget",
                    "8-evals", "--cluster", "--listen", listen, "--json"))) {
                assertTrue(resumed.process.waitFor(150, TimeUnit.SECONDS), resumed.log());
                assertEquals(0, resumed.process.exitValue(), resumed.log());
            }
            assertEquals(2, count(worker.log(), "joined the coordinator"), worker.log());
            assertEquals(before + 8, evaluations(db).size(), "the resumed search's 8 evaluations, recorded once");
        }
    }

    /** Freezes the worker when its log shows an evaluation begun and not ended, then kills it. */
    private static void killInTheMiddleOfAnEvaluation(Child worker) throws Exception {
        Pattern begun = Pattern.compile("evaluating (\\d+) ");
        while (true) {
            assertTrue(worker.awaitLog(log -> begun.matcher(log).find()), worker.log());
            worker.signal("STOP");
            Thread.sleep(200); // let its last line reach the file
            String log = worker.log();
            Matcher m = begun.matcher(log);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (!log.contains("evaluated " + last + ":")) {
                worker.signal("KILL");
                worker.process.waitFor(30, TimeUnit.SECONDS);
                return;
            }
            worker.signal("CONT");
            Thread.sleep(20);
        }
    }

    private static List<StoredEvaluation> evaluations(Path db) {
        try (StoredRun run = RunStore.open(db)) {
            return run.evaluations();
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Object[] args(List<String> first) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(List.of(SEARCH));
        return all.toArray();
    }

    private static Child worker(Path dir, String name, String listen) throws IOException {
        return child(dir, name, List.of("worker", "--join", listen, "--slots", "1", "--cache",
                dir.resolve(name + "-cache").toString()));
    }

    private static Child search(Path dir, String name, String listen, Path db, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("search", "--cluster", "--listen", listen, "--store",
                db.toString(), "--json"));
        args.addAll(List.of(more));
        args.addAll(List.of(SEARCH));
        return child(dir, name, args);
    }

    private static Child child(Path dir, String name, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-Doptsearch.home=" + Cli.repoRoot(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        return new Child(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(),
                log);
    }

    /** A child JVM and its log. */
    private record Child(Process process, Path file) implements AutoCloseable {
        String log() throws IOException {
            return Files.readString(file);
        }

        boolean awaitLog(Predicate<String> what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && process.isAlive() && !what.test(log())) {
                Thread.sleep(50);
            }
            return what.test(log());
        }

        void signal(String name) throws Exception {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
