package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void withAScoreSpaceEachProgramIsTunedFirstUnderTheExternalRuleset() throws Exception {
        Cli.Run run = Cli.run("search", "--budget", "2-evals", "--workers", "2", "--tasks", "breast-cancer-mlp:XS",
                "--tasks-b", "none", "--tasks-c", "none", "--calibrate", "off", "--no-store", "--score",
                "--score-space", Cli.repoRoot().resolve("programs/spaces/step.yaml"), "--score-trials", "1",
                "--score-studies", "1", "--json");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("benchmark suite (external ruleset: each program tuned over"), run.out());
        assertTrue(run.err().contains("1 trials x 1 studies, external ruleset"), run.err());
        List<String> lines = run.out().lines().toList();
        JsonNode o = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertTrue(o.get("suiteRuleset").asText().startsWith("external: "), o.toString());
        double score = o.get("suite").get("lion.opt (shipped defaults)").get("score").asDouble();
        assertTrue(score >= 0 && score <= 1, "a profile score: " + o.get("suite"));
    }

    @Test
    void aScoreSpaceThatDoesNotFitIsNamedBeforeTheSearchRuns(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path space = dir.resolve("space.yaml");
        java.nio.file.Files.writeString(space, "parameters:\n  beta9: {min: 0.1, max: 0.9, scale: linear}\n");
        Cli.Run run = Cli.run("search", "--budget", "2-evals", "--tasks", "breast-cancer-mlp:XS", "--no-store",
                "--score", "--score-space", space.toString());
        assertEquals(Main.EXIT_INVALID, run.exit(), run.err());
        assertTrue(run.err().contains("--score-space: " + space + ": parameter 'beta9' is not a hyperparameter of "
                + "the start program."), run.err());
        assertTrue(run.err().contains("programs/spaces/step.yaml"), run.err());
        assertTrue(!run.err().contains("training the start program"), "no search ran: " + run.err());

        Cli.Run without = Cli.run("search", "--budget", "2-evals", "--no-store", "--score-space", space.toString());
        assertEquals(Main.EXIT_INVALID, without.exit(), without.err());
        assertTrue(without.err().contains("add --score"), without.err());
    }
}
