package org.optsearch.train.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.train.data.DataException;
import org.optsearch.train.run.Objective;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;

/** Users bring their own data through task files; these run end to end. */
class TaskFilesTest {
    private static final Program SGD_MOMENTUM = Program.parse("""
            def train(w, g, m, lr):
              m = m * 0.9
              m = m + g
              lr = lr * 0.05
              update = m * lr
              return update, m
            """);

    @Test
    void aJsonTaskOnACsvFileTrainsAnMlp(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            double a = rnd.nextGaussian();
            double b = rnd.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(a + b > 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(dir.resolve("points.csv"), csv);
        Path task = dir.resolve("points.json");
        Files.writeString(task, """
                {"name": "points",
                 "model": {"type": "mlp", "hidden": [16]},   // one hidden layer
                 "data": {"format": "csv", "path": "points.csv", "label": "label", "kind": "classification"},
                 "train": {"steps": 200, "batchSize": 32, "warmupSteps": 10, "seed": 3}}
                """);
        Task t = Tasks.resolve(task.toString());
        assertEquals(Objective.CLASSIFICATION, t.objective());
        TrainResult r = Trainer.train(t, SGD_MOMENTUM, "sgd_momentum");
        assertFalse(r.diverged());
        assertTrue(r.valAccuracy() > 0.9, "accuracy " + r.valAccuracy());
    }

    @Test
    void aYamlTaskOnATextFileTrainsACharacterModel(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("abc.txt"), "abcabcabcabd ".repeat(400));
        Path task = dir.resolve("abc.yaml");
        Files.writeString(task, """
                name: abc
                model: {type: charlm, context: 8, dim: 16, depth: 1, heads: 2}
                data: {format: text, path: abc.txt, validationFraction: 0.1}
                train: {steps: 150, batchSize: 16, seed: 1}
                """);
        Task t = Tasks.resolve(task.toString());
        assertEquals(Objective.LANGUAGE, t.objective());
        TrainResult r = Trainer.train(t, SGD_MOMENTUM, "sgd_momentum");
        assertFalse(r.diverged());
        double first = r.curve().get(0).valLoss();
        double last = r.valLoss();
        assertTrue(last < first && last < Math.log(5), "validation loss " + first + " -> " + last);
    }

    @Test
    void aTaskFileNamingMissingDataFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path task = dir.resolve("gone.json");
        Files.writeString(task, """
                {"name": "gone", "model": {"type": "mlp", "hidden": [4]},
                 "data": {"format": "csv", "path": "nowhere.csv", "label": 0, "kind": "regression"},
                 "train": {"steps": 10}}
                """);
        DataException e = assertThrows(DataException.class, () -> Tasks.resolve(task.toString()));
        assertTrue(e.getMessage().contains("nowhere.csv"), e.getMessage());
    }

    @Test
    void unknownBuiltinNamesSuggestTheClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tasks.resolve("mnist-vitt"));
        assertTrue(e.getMessage().startsWith("unknown task 'mnist-vitt'; did you mean 'mnist-vit'?"), e.getMessage());
    }

    @Test
    void everyBuiltinTaskLoadsInEverySize() {
        for (String family : BuiltinTasks.families().keySet()) {
            for (BuiltinTasks.Size size : BuiltinTasks.Size.values()) {
                Task t = BuiltinTasks.load(family + ":" + size, Tasks.dataDir());
                assertEquals(family + ":" + size, t.name());
                assertTrue(t.train().size() > 0 && t.validation().size() > 0, t.name());
                assertTrue(t.model().get().layout().size() > 0, t.name());
            }
        }
    }
}
