package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.store.ResumePoint;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoredEvaluation;
import org.optsearch.store.StoredProgram;
import org.optsearch.store.StoredRun;

/** The test: kill -9 a running search, resume it, and check nothing finished is lost. */
class ResumeAfterKillTest {

    @Test
    void aSearchKilledWithSigkillResumesWithEveryRecordedEvaluationAndItsPopulation(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("run.db");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Doptsearch.home=" + Cli.repoRoot(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "search", "--budget", "2000-evals",
                "--workers", "2", "--tasks", "breast-cancer-mlp", "--tasks-b", "none", "--tasks-c", "none",
                "--population", "20", "--store", db.toString(), "--json"));
        Process search = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("search.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        int seen = 0;
        while (seen < 40 && System.nanoTime() < deadline && search.isAlive()) {
            Thread.sleep(300);
            if (Files.exists(db)) {
                try (StoredRun run = RunStore.open(db)) {
                    seen = run.evaluations().size();
                } catch (RuntimeException busy) {
                    // the writer may hold the file for a moment
                }
            }
        }
        assertTrue(search.isAlive(), "the search ended before it could be killed: " + Files.readString(dir.resolve("search.log")));
        search.destroyForcibly(); // SIGKILL: no shutdown hook runs
        search.waitFor(30, TimeUnit.SECONDS);
        assertTrue(seen >= 40, "only " + seen + " evaluations recorded before the deadline");

        List<Long> before;
        ResumePoint point;
        try (StoredRun run = RunStore.open(db)) {
            before = run.evaluations().stream().map(StoredEvaluation::seq).toList();
            point = run.resumePoint();
            assertTrue(run.finished().isEmpty(), "a killed run is not finished");
            // A program and the lines its text is made of are committed together: none is left half-written.
            for (StoredProgram p : run.programs()) {
                assertEquals(p.text(), Program.parse(p.text()).print(), "program " + p.id());
            }
        }
        assertEquals(20, point.state().population().size(), "the population is rebuilt in full");

        Cli.Run resumed = Cli.run("search", "--resume", db, "--budget", "10-evals", "--workers", "1");
        assertEquals(0, resumed.exit(), resumed.err());

        try (StoredRun run = RunStore.open(db)) {
            List<Long> after = run.evaluations().stream().map(StoredEvaluation::seq).toList();
            assertEquals(before, after.subList(0, before.size()), "every evaluation recorded before the kill is kept");
            assertTrue(after.size() >= before.size() + 10, "the resumed run added its evaluations");
            assertTrue(run.finished().isPresent());
            // Re-reading replays the whole population history, every join and restart in order, across the
            // kill and the resume.
            ResumePoint end = run.resumePoint();
            assertEquals(20, end.state().population().size());
            assertTrue(end.counters().evaluated() >= point.counters().evaluated() + 10);
        }
        assertTrue(Files.exists(dir.resolve("run.html")), "the report is written next to the store");
    }
}
