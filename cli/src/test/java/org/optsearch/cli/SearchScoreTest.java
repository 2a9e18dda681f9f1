package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code search --score}: the benchmark suite as the funnel's last stage, the result next to AdamW and Lion. */
class SearchScoreTest {

    @Test
    void theResultIsScoredOnTheSuiteNextToTheStartProgramAndLion() throws Exception {
        Cli.Run run = Cli.run("search", "--budget", "2-evals", "--workers", "2", "--tasks", "breast-cancer-mlp:XS",
                "--tasks-b", "none", "--tasks-c", "none", "--calibrate", "off", "--no-store", "--score", "--json");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("benchmark suite (self-tuning ruleset"), run.out());
        assertTrue(run.out().contains("adamw.opt (start, as given)") && run.out().contains("lion.opt (shipped defaults)"),
                run.out());
        List<String> lines = run.out().lines().toList();
        JsonNode suite = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("suite");
        JsonNode adamw = suite.get("adamw.opt (start, as given)");
        double score = adamw.get("score").asDouble();
        assertTrue(score >= 0 && score <= 1, "a profile score: " + suite);
        assertTrue(suite.get("lion.opt (shipped defaults)").get("misses").asInt() > 0,
                "Lion at its shipped constants misses targets (docs/benchmark.md): " + suite);
    }
}
