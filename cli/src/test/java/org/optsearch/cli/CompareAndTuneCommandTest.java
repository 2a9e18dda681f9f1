package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;

class CompareAndTuneCommandTest {

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
        assertEquals(2 * 2 * 2, new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("results.json").toFile()).size());
        assertEquals(1 + 4, Files.readAllLines(dir.resolve("results.csv")).size());
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
        assertTrue(tuned.hyperparameters().containsKey("lr_scale"), tuned.print());
    }

    @Test
    void tuneRefusesAProgramWithNoLearningRateScale(@TempDir Path dir) {
        Path p = Cli.write(dir, "fixed.opt", "def train(w, g, lr):\n  update = sign(g)\n  return update\n");
        Cli.Run run = Cli.run("tune", "--task", "breast-cancer-mlp", "--program", p);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("cannot find the learning-rate scale"), run.err());
    }
}
