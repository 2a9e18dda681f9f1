package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.search.Finalist;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoredRun;
import org.optsearch.train.run.TrainResult;

/** The end of a search never loses its output, whatever failed on the way. */
class SearchFinaleTest {

    @Test
    void aStageBOnWhichTheStartProgramDivergesIsSkippedWithAWarningAndEverythingIsStillWritten(@TempDir Path dir)
            throws Exception {
        // plain SGD with a large step: trains on breast-cancer-mlp:S, diverges on :M
        Path bold = dir.resolve("bold_sgd.opt");
        Files.writeString(bold, """
                def train(w, g, lr):
                  lr = lr * 3
                  update = g * lr
                  return update
                """);
        Path store = dir.resolve("run.db");

        Cli.Run run = Cli.run("search", "--start", bold, "--budget", "6-evals", "--workers", "1",
                "--tasks", "breast-cancer-mlp", "--tasks-b", "breast-cancer-mlp:M", "--tasks-c", "none",
                "--population", "6", "--calibrate", "off", "--recalibrate", "off", "--store", store, "--json");
        // (recalibrated on B, the start program would train there at a third of its step)

        assertEquals(0, run.exit(), run.err());
        String warning = "warning: stage B is skipped: the start program diverges on breast-cancer-mlp:M";
        assertTrue(run.err().contains(warning), run.err());
        assertTrue(run.err().indexOf(warning) < run.err().indexOf("scoring the best programs"),
                "said at the start, not at the end: " + run.err());
        assertTrue(run.err().matches("(?s).*  finale: lion\\.opt \\(shipped defaults\\) done: A (-?[0-9.]+|failed), "
                + "B -, C - \\(\\d done, \\dm\\d\\ds\\)\n.*"), "the finale tells of each program done: " + run.err());
        assertTrue(run.out().contains("fitness per stage"), run.out());
        assertTrue(run.out().matches("(?s).*bold_sgd\\.opt \\(start\\) +1\\.0000 +failed .*"), run.out());
        List<String> lines = run.out().lines().toList();
        JsonNode o = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        JsonNode start = o.get("finalists").get(o.get("finalists").size() - 2);
        assertEquals("bold_sgd.opt (start)", start.get("name").asText());
        assertEquals("B", start.get("failedStages").get(0).asText());
        assertTrue(start.get("notes").get(0).asText().contains("diverge"), start.toString());
        assertEquals("A", o.get("result").get("stage").asText(), "a skipped stage B chooses nobody: " + o);
        assertTrue(run.out().contains("  result: "), run.out());
        assertTrue(Files.isRegularFile(Path.of(o.get("report").asText())), o.toString());
        String report = Files.readString(Path.of(o.get("report").asText()));
        assertTrue(report.contains("breast-cancer-mlp:M (skipped, no reference: breast-cancer-mlp:M: training loss exploded"),
                report.replaceAll("(?s).*(.{80}skipped, no reference.{120}).*", "$1"));
        try (StoredRun stored = RunStore.open(store)) {
            Finalist recorded = stored.finalists().stream().filter(f -> f.name().equals("bold_sgd.opt (start)"))
                    .findFirst().orElseThrow();
            assertEquals(TrainResult.FAILED, recorded.fitnessB());
            assertTrue(recorded.trainedB().get(0).diverged(), recorded.trainedB().toString());
        }
    }

    @Test
    void aStageBTaskThatCannotBeBuiltIsRefusedBeforeAnyStoreIsMade(@TempDir Path dir) throws Exception {
        // valid as a file, but its model is too large to build: named with its key before any work
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, """
                {"name": "broken", "model": {"type": "mlp", "hidden": [65536, 65536]},
                 "data": {"format": "csv", "path": "%s", "label": "target", "kind": "classification"},
                 "train": {"steps": 20}}
                """.formatted(Cli.repoRoot().resolve("data/breast_cancer.csv").toString().replace("\\", "/")));
        Path store = dir.resolve("run.db");

        Cli.Run run = Cli.run("search", "--budget", "6-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", broken, "--tasks-c", "none", "--store", store);

        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("$.model.hidden"), run.err());
        assertTrue(!Files.exists(store), "no store is left by a search that could not start");
    }

    @Test
    void theWrappingListenersPassEveryEventOnToTheStore() throws Exception {
        for (java.lang.reflect.Method m : org.optsearch.search.SearchListener.class.getDeclaredMethods()) {
            if (!m.isSynthetic() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                assertEquals(ForwardingListener.class, ForwardingListener.class.getDeclaredMethod(m.getName(),
                        m.getParameterTypes()).getDeclaringClass(), m.getName() + " must be passed on, or the store "
                        + "misses those events");
            }
        }
    }

    @Test
    void aReportThatCannotBeWrittenStillLeavesTheSummaryAndTheJsonLine(@TempDir Path dir) throws Exception {
        Files.createDirectory(dir.resolve("run.html")); // where the report would go
        Cli.Run run = Cli.run("search", "--budget", "4-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "none", "--tasks-c", "none", "--population", "6", "--store", dir.resolve("run.db"),
                "--json");

        assertEquals(2, run.exit(), "documented: the store or report could not be written");
        assertTrue(run.err().contains("cannot write the report"), run.err());
        assertTrue(run.out().contains("report: not written"), run.out());
        List<String> lines = run.out().lines().toList();
        JsonNode o = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals(4, o.get("evaluated").asInt());
        assertTrue(o.get("warnings").get(0).asText().contains("cannot write the report"), o.toString());
        assertTrue(o.get("finalists").size() >= 2, o.toString());
    }

    /** --compare: a program of one's own is scored up the funnel at the end, by its file name, next to Lion. */
    @Test
    void aComparedProgramIsScoredInTheFinaleAndABadOneIsNamedBeforeTheSearch(@TempDir Path dir) throws Exception {
        Path sgd = dir.resolve("sgd.opt");
        Files.writeString(sgd, "def train(w, g, lr):\n  update = g * lr\n  return update\n");
        Cli.Run run = Cli.run("search", "--budget", "4-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "breast-cancer-mlp:M", "--tasks-c", "none", "--population", "6", "--no-store",
                "--compare", sgd, "--json");

        assertEquals(0, run.exit(), run.err());
        List<String> lines = run.out().lines().toList();
        JsonNode o = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        JsonNode compared = null;
        for (JsonNode f : o.get("finalists")) {
            compared = f.get("name").asText().equals("sgd.opt") ? f : compared;
        }
        assertTrue(compared != null && compared.get("fitnessA").isNumber() && compared.get("fitnessB").isNumber(),
                "scored on A and B: " + o.get("finalists"));

        Path bad = dir.resolve("bad.opt");
        Files.writeString(bad, "def train(w, g, lr):\n  update = g * nope\n  return update\n");
        Cli.Run refused = Cli.run("search", "--budget", "4-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "none", "--tasks-c", "none", "--no-store", "--compare", bad);
        assertTrue(refused.exit() != 0, "refused");
        assertTrue(refused.err().contains("bad.opt") && refused.err().contains("nope"), refused.err());
        assertTrue(!refused.err().contains("training the start program"), "before any training: " + refused.err());
    }
}
