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
    void aStageBTaskThatCannotBeTrainedIsSkippedWithAWarningAndEverythingIsStillWritten(@TempDir Path dir)
            throws Exception {
        // valid as a file, but its model's parameter count overflows: it throws when a training builds it
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, """
                {"name": "broken", "model": {"type": "mlp", "hidden": [65536, 65536]},
                 "data": {"format": "csv", "path": "%s", "label": "target", "kind": "classification"},
                 "train": {"steps": 20}}
                """.formatted(Cli.repoRoot().resolve("data/breast_cancer.csv").toString().replace("\\", "/")));
        Path store = dir.resolve("run.db");

        Cli.Run run = Cli.run("search", "--start", Cli.program("sgd.opt"), "--budget", "6-evals", "--workers", "1",
                "--tasks", "breast-cancer-mlp", "--tasks-b", broken, "--tasks-c", "none", "--population", "6",
                "--store", store, "--json");

        assertEquals(0, run.exit(), run.err());
        String warning = "warning: stage B is skipped: broken cannot be trained: integer overflow";
        assertTrue(run.err().contains(warning), run.err());
        assertTrue(run.err().indexOf(warning) < run.err().indexOf("scoring the best programs"),
                "said at the start, not at the end: " + run.err());
        assertTrue(run.out().contains("fitness per stage"), run.out());
        assertTrue(run.out().matches("(?s).*sgd\\.opt \\(start\\) +1\\.0000 +failed .*"), run.out());
        List<String> lines = run.out().lines().toList();
        JsonNode o = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        JsonNode start = o.get("finalists").get(o.get("finalists").size() - 2);
        assertEquals("sgd.opt (start)", start.get("name").asText());
        assertEquals("B", start.get("failedStages").get(0).asText());
        assertTrue(start.get("notes").get(0).asText().contains("integer overflow"), start.toString());
        assertTrue(Files.isRegularFile(Path.of(o.get("report").asText())), o.toString());
        assertTrue(Files.readString(Path.of(o.get("report").asText())).contains("skipped, no reference: broken"));
        try (StoredRun stored = RunStore.open(store)) {
            Finalist recorded = stored.finalists().stream().filter(f -> f.name().equals("sgd.opt (start)"))
                    .findFirst().orElseThrow();
            assertEquals(TrainResult.FAILED, recorded.fitnessB());
            assertEquals("cannot be trained: integer overflow (ArithmeticException)",
                    recorded.trainedB().get(0).divergence());
        }
    }

    @Test
    void theWarningListenerPassesEveryEventOnToTheStore() throws Exception {
        for (java.lang.reflect.Method m : org.optsearch.search.SearchListener.class.getDeclaredMethods()) {
            if (!m.isSynthetic() && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                assertEquals(StoredSearch.Warnings.class, StoredSearch.Warnings.class
                        .getMethod(m.getName(), m.getParameterTypes()).getDeclaringClass(),
                        m.getName() + " must be passed on, or the store misses those events");
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
}
