package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code score targets} with a reduced protocol on the two table workloads, then {@code score} against it. */
class ScoreCommandTest {
    private static final String WORKLOADS = "breast-cancer-mlp,diabetes-mlp";
    @TempDir
    static Path shared;
    private static Path targets;
    private static Cli.Run made;

    @BeforeAll
    static void makeTargets() {
        targets = shared.resolve("targets.json");
        made = Cli.run("score", "targets", "--workloads", WORKLOADS, "--trials", "2", "--seeds", "3", "--workers", "2",
                "--out", targets);
    }

    @Test
    void targetsAreWrittenWithTheirProvenanceAndProgress() throws Exception {
        assertEquals(0, made.exit(), made.err());
        JsonNode root = new ObjectMapper().readTree(targets.toFile());
        JsonNode p = root.get("provenance");
        assertTrue(p.get("command").asText().startsWith("optsearch score targets --workloads " + WORKLOADS), p.toString());
        assertTrue(p.get("note").asText().startsWith("reduced protocol"), "a reduced run says so");
        assertEquals(System.getProperty("java.version"), p.get("jdk").asText().replaceAll(".* ", ""));
        assertEquals(List.of("breast-cancer-mlp", "diabetes-mlp"), iterate(root.get("workloads").fieldNames()));
        assertTrue(made.err().contains("tuning: 16/16 trainings"), made.err());
        assertTrue(made.out().contains("targets: " + targets), made.out());
    }

    @Test
    void scorePrintsTheTableWritesThePageAndEndsWithJson(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("score.html");
        Cli.Run run = Cli.run("score", Cli.program("adamw.opt"), "--targets", targets, "--workloads", WORKLOADS,
                "--seeds", "2", "--workers", "2", "--html", html, "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("adamw (tuned)"), run.out());
        assertTrue(run.out().contains("sgd-heavy-ball (tuned)"), run.out());
        String html5 = Files.readString(html);
        assertTrue(html5.contains("<h2>Performance profiles</h2>"));
        List<String> lines = run.outLines();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("self", json.get("ruleset").asText());
        assertEquals(1 + 4, json.get("submissions").size());
        JsonNode mine = json.get("submissions").get(0);
        assertEquals("adamw.opt", mine.get("name").asText(), "the file name: never confused with the tuned baseline 'adamw'");
        assertEquals(2, mine.get("steps").get("diabetes-mlp").get("samples").size());
        double score = mine.get("score").asDouble();
        assertTrue(score >= 0 && score <= 1);
    }

    @Test
    void aProgramThatDivergesEverywhereScoresZeroWithoutACrash(@TempDir Path dir) {
        Path boom = Cli.write(dir, "boom.opt", "def train(w, g, lr):\n  lr = lr * 100000.0\n  update = g * lr\n  return update\n");
        Cli.Run run = Cli.run("score", boom, "--targets", targets, "--workloads", WORKLOADS, "--seeds", "2",
                "--html", dir.resolve("s.html"));
        assertEquals(0, run.exit(), run.err());
        String line = run.outLines().stream().filter(l -> l.startsWith("boom.opt ")).findFirst().orElseThrow();
        assertTrue(line.matches("boom\\.opt +0\\.000 +- +2 +miss +miss"), line);
    }

    @Test
    void externalTuningRunsTrialsTimesStudiesTrainingsPerWorkload(@TempDir Path dir) throws Exception {
        Path space = Cli.write(dir, "space.yaml", "parameters:\n  lr_scale: {min: 0.001, max: 0.03, scale: log}\n"
                + "  warmup: {min: 0.0, max: 0.1, scale: linear}\n");
        Cli.Run run = Cli.run("score", Cli.program("adamw.opt"), "--targets", targets, "--workloads", "diabetes-mlp",
                "--ruleset", "external", "--space", space, "--trials", "2", "--studies", "3", "--html",
                dir.resolve("s.html"), "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("6 trainings"), run.err());
        List<String> lines = run.outLines();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("external", json.get("ruleset").asText());
        assertEquals(3, json.get("submissions").get(0).get("steps").get("diabetes-mlp").get("samples").size(),
                "one sample per study");
    }

    @Test
    void anUnknownWorkloadGetsADidYouMeanAndExit2() {
        Cli.Run run = Cli.run("score", Cli.program("adamw.opt"), "--targets", targets, "--workloads", "diabetes-mpl");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown workload 'diabetes-mpl'; did you mean 'diabetes-mlp'?"), run.err());
    }

    @Test
    void aTaskFileWithoutATargetSaysHowToComputeOne(@TempDir Path dir) {
        Path data = Cli.repoRoot().resolve("data/breast_cancer.csv");
        Path task = Cli.write(dir, "cancer.yaml", "name: my-cancer\nmodel: {type: mlp, hidden: [16]}\n"
                + "data: {format: csv, path: " + data + ", label: target, kind: classification}\n"
                + "train: {steps: 100, batchSize: 32}\n");
        Cli.Run run = Cli.run("score", Cli.program("adamw.opt"), "--targets", targets, "--task", task);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("workload 'my-cancer' has no target in the targets file"), run.err());
        assertTrue(run.err().contains("optsearch score targets --task FILE"), run.err());
    }

    @Test
    void aTaskFilesTargetIsMadeAloneAndThenScored(@TempDir Path dir) throws Exception {
        Path data = Cli.repoRoot().resolve("data/breast_cancer.csv");
        Path task = Cli.write(dir, "cancer.yaml", "name: my-cancer\nmodel: {type: mlp, hidden: [16]}\n"
                + "data: {format: csv, path: " + data + ", label: target, kind: classification}\n"
                + "train: {steps: 100, batchSize: 32, evaluations: 10}\n");
        Path mine = dir.resolve("mine.json");
        Cli.Run made = Cli.run("score", "targets", "--task", task, "--trials", "2", "--seeds", "2", "--out", mine);
        assertEquals(0, made.exit(), made.err());
        JsonNode root = new ObjectMapper().readTree(mine.toFile());
        assertEquals(List.of("my-cancer"), iterate(root.get("workloads").fieldNames()), "the task alone");
        assertEquals(10, root.get("workloads").get("my-cancer").get("evalInterval").asInt());
        Cli.Run run = Cli.run("score", Cli.program("sgd.opt"), "--task", task, "--targets", mine, "--seeds", "2",
                "--html", dir.resolve("s.html"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("my-cancer"), run.out());
        assertFalse(Files.exists(dir.resolve("mine.json.journal")), "the journal is gone once the file is written");
    }

    @Test
    void aBadSearchSpaceFileIsNamedWithItsProblem(@TempDir Path dir) {
        Path space = Cli.write(dir, "space.json", "{\"parameters\": {\"lr_scale\": {\"min\": 0, \"max\": 1, \"scale\": \"log\"}}}");
        Cli.Run run = Cli.run("score", Cli.program("adamw.opt"), "--targets", targets, "--workloads", WORKLOADS,
                "--ruleset", "external", "--space", space);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(space + ": $.parameters.lr_scale: a log scale needs min > 0"), run.err());
        Cli.Run none = Cli.run("score", Cli.program("adamw.opt"), "--targets", targets, "--ruleset", "external");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--ruleset external needs --space FILE"), none.err());
    }

    @Test
    void aSpaceParameterTheProgramLacksIsRefused(@TempDir Path dir) {
        Path space = Cli.write(dir, "space.yaml", "parameters:\n  momentum: {min: 0.5, max: 0.9, scale: linear}\n");
        Cli.Run run = Cli.run("score", Cli.program("adamw.opt"), "--targets", targets, "--workloads", WORKLOADS,
                "--ruleset", "external", "--space", space);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("parameter 'momentum' is not a hyperparameter of adamw"), run.err());
    }

    @Test
    void aMissingTargetsFileAndNoProgramsAreUserErrors(@TempDir Path dir) {
        Cli.Run run = Cli.run("score", Cli.program("adamw.opt"), "--targets", dir.resolve("nope.json"));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("nope.json: cannot read the targets file"), run.err());
        Cli.Run none = Cli.run("score");
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("give one or more PROGRAM.opt files"), none.err());
        assertFalse(none.err().contains("Exception"), none.err());
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
