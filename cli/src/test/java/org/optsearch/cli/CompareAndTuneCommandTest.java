package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.lang.Program;
import org.optsearch.train.run.Scoring;
import org.optsearch.train.run.Tuning;

class CompareAndTuneCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sgd(double scale) {
        return "def train(w, g, lr, lr_scale=" + scale + "):\n  lr = lr * lr_scale\n  update = g * lr\n  return update\n";
    }

    /** A search-style program: the step size is a divisor after 'lr', there is no lr_scale to find. */
    private static final String FOUND = "def train(w, g, m, lr):\n  m = interp(g, m, 0.9)\n  u = sign(m)\n"
            + "  u = u * lr\n  u = u / 380\n  return u, m\n";

    @Test
    void compareWritesATablePlotsAndResults(@TempDir Path dir) throws Exception {
        Cli.Run run = Cli.run("compare", "--tasks", "breast-cancer-mlp,diabetes-mlp", "--programs",
                Cli.program("adamw.opt") + "," + Cli.program("sgd.opt"), "--seeds", "2", "--steps", "30",
                "--out", dir);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("fitness (mean +- sd)"), run.out());
        assertTrue(run.out().lines().filter(l -> l.startsWith("breast-cancer-mlp:S")).count() == 2, run.out());
        assertTrue(Files.size(dir.resolve("breast-cancer-mlp_S.png")) > 1000);
        assertTrue(Files.size(dir.resolve("diabetes-mlp_S.png")) > 1000);
        JsonNode all = JSON.readTree(dir.resolve("results.json").toFile());
        assertEquals(2 * 2 * 2, all.size());
        List<Long> seeds = new ArrayList<>();
        all.forEach(r -> seeds.add(r.get("seed").asLong()));
        assertEquals(List.of(1L, 2L), seeds.stream().distinct().sorted().toList(), "compare's default seeds are 1..K");
        assertEquals(1 + 4, Files.readAllLines(dir.resolve("results.csv")).size());
        assertEquals(4, JSON.readTree(dir.resolve("summary.json").toFile()).size());
        assertTrue(run.out().contains("paired by seed against the first program"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.contains("sgd.opt") && l.contains("2 seeds: ")), run.out());
    }

    @Test
    void aProgramThatDivergesOnSomeSeedsScoresChanceOnThoseSeeds(@TempDir Path dir) throws Exception {
        // SGD at 2.5x the stable step size: on this task and step count, some seeds diverge and some do not
        Path stable = Cli.write(dir, "stable.opt", sgd(1.0));
        Path edgy = Cli.write(dir, "edgy.opt", sgd(2.5));
        Cli.Run run = Cli.run("compare", "--tasks", "breast-cancer-mlp", "--programs", stable + "," + edgy,
                "--seeds", "3", "--steps", "30", "--out", dir.resolve("out"));
        assertEquals(0, run.exit(), run.err());
        JsonNode row = JSON.readTree(dir.resolve("out/summary.json").toFile()).get(1);
        int diverged = row.get("diverged").asInt();
        assertTrue(diverged > 0 && diverged < 3, "diverges on some seeds only: " + row);
        assertTrue(run.out().contains("(" + diverged + " of 3 diverged)"), run.out());
        double chance = Scoring.chance(TaskOptions.resolve("breast-cancer-mlp", 30, null));
        double sum = 0;
        double survivor = 0;
        for (JsonNode s : row.get("perSeed")) {
            if (s.get("diverged").asBoolean()) {
                assertTrue(s.get("fitness").isNull(), s.toString());
                assertEquals(chance, s.get("scored").asDouble(), 1e-12);
            } else {
                survivor = s.get("fitness").asDouble();
            }
            sum += s.get("scored").asDouble();
        }
        assertEquals(sum / 3, row.get("fitnessMean").asDouble(), 1e-12, "every seed counts");
        assertTrue(row.get("fitnessMean").asDouble() < survivor, "not flattered by the seeds that survived");
        assertTrue(row.get("vsFirst").get("meanDifference").asDouble() < 0, row.toString());
        String csv = Files.readAllLines(dir.resolve("out/results.csv")).get(2);
        assertTrue(csv.contains("diverged"), csv);
    }

    @Test
    void compareTakesChosenSeeds(@TempDir Path dir) throws Exception {
        Cli.Run run = Cli.run("compare", "--tasks", "breast-cancer-mlp", "--programs", Cli.program("sgd.opt"),
                "--seeds", "2", "--seed-offset", "40", "--steps", "10", "--out", dir);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("2 seeds: 41..42"), run.err());
        Cli.Run listed = Cli.run("compare", "--tasks", "breast-cancer-mlp", "--programs", Cli.program("sgd.opt"),
                "--seeds", "5,9", "--steps", "10", "--out", dir);
        assertTrue(listed.err().contains("2 seeds: 5,9"), listed.err());
    }

    @Test
    void tuneTunesAProgramWithoutALearningRateScaleOnSeedsCompareDoesNotUse(@TempDir Path dir) throws Exception {
        Path found = Cli.write(dir, "found.opt", FOUND);
        Path best = dir.resolve("best.opt");
        Cli.Run run = Cli.run("tune", "--task", "breast-cancer-mlp", "--program", found, "--steps", "30",
                "--points", "3", "--write", best);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("has no learning-rate scale"), run.err());
        assertTrue(run.err().contains("(1001)"), "tune's default seeds start at 1001: " + run.err());
        assertEquals(3, run.out().lines().filter(l -> l.matches("^[0-9].*")).count(), run.out());
        assertTrue(run.out().contains("(default)"), run.out());
        String written = Files.readString(best);
        assertTrue(written.startsWith("# found.opt tuned on breast-cancer-mlp:S with seeds 1001 by optsearch tune\n"),
                written);
        Program tuned = Program.parse(written);
        assertTrue(tuned.hyperparameters().containsKey("lr_scale"), written);
        assertEquals(Tuning.ScaleSource.DECLARED, Tuning.learningRateScale(tuned).source(), "tunable again as written");
    }

    @Test
    void tuneFindsTheScaleOfAProgramWithoutHyperparametersAndWritesTheBest(@TempDir Path dir) throws Exception {
        Path raw = Cli.write(dir, "raw.opt", "def train(w, g, lr):\n  lr = lr * 0.001\n  update = g * lr\n  return update\n");
        Path best = dir.resolve("best.opt");
        Cli.Run run = Cli.run("tune", "--task", "breast-cancer-mlp", "--program", raw, "--steps", "30", "--write", best);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("(default)"), run.out());
        assertEquals(9, run.out().lines().filter(l -> l.matches("^[0-9].*")).count(), "one row per grid point: " + run.out());
        Program tuned = Program.parse(Files.readString(best));
        assertEquals(1, tuned.hyperparameters().size(), tuned.print());
        assertTrue(tuned.hyperparameters().containsKey("lr_scale"), tuned.print());
    }

    @Test
    void tuneNotesABestValueAtTheEdgeOfTheRange(@TempDir Path dir) {
        // SGD at 0.001 and 0.01 of its stable step size: the larger is better, and it is the range's end
        Path p = Cli.write(dir, "slow.opt", sgd(0.01));
        Cli.Run run = Cli.run("tune", "--task", "breast-cancer-mlp", "--program", p, "--steps", "30",
                "--lr-range", "0.1:1", "--points", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("note: the best lr_scale (0.0100) is at the high edge of the range tried "
                + "(0.00100 .. 0.0100)"), run.out());
    }

    @Test
    void tuneTriesQuasiRandomTrials(@TempDir Path dir) {
        Path p = Cli.write(dir, "sgd.opt", sgd(0.5));
        Cli.Run run = Cli.run("tune", "--task", "breast-cancer-mlp", "--program", p, "--steps", "10",
                "--trials", "4", "--seeds", "2");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("4 quasi-random trials x 2 seed(s) (1001..1002)"), run.err());
        assertEquals(4, run.out().lines().filter(l -> l.matches("^[0-9].*")).count(), run.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--lr-range|0:1|--lr-range '0:1': a range of factors needs 0 < LO <= HI",
        "--wd-range|10|--wd-range '10': give factors of the default as LO:HI",
        "--points|0|--points must be >= 1, got 0",
        "--trials|0|--trials must be >= 1, got 0",
        "--seeds|0|--seeds must be a count from 1 to 10000, got 0",
        "--seeds|3..1|--seeds range 3..1 must go up",
        "--seeds|some|--seeds 'some': give a count (3), a range (1001..1003) or a list (5,7,9)",
    })
    void tuneRefusesBadFlagsNamingThem(String flag, String value, String message, @TempDir Path dir) {
        Path p = Cli.write(dir, "sgd.opt", sgd(0.5));
        Cli.Run run = Cli.run("tune", "--task", "breast-cancer-mlp", "--program", p, flag, value);
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains(message), run.err());
    }
}
