package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.train.task.BuiltinTasks;
import org.optsearch.train.task.Tasks;

/** The trainer validates on a program's readout, and passes step and total_steps. */
class ReadoutTrainingTest {
    private static final String SGD = """
            def train(w, g, lr, step, total_steps):
              lr = lr * 0.1
              u = g * lr
              return u%s
            """;

    private static Task digits(int steps) {
        Task t = BuiltinTasks.load("digits-mlp", Tasks.dataDir());
        return t.withConfig(t.config().withSteps(steps));
    }

    @Test
    void validationReadsTheReadoutNotTheTrainingPoint() {
        // The readout 'z' is the weights scaled to zero: a model with all-zero weights predicts uniformly,
        // so its validation loss is ln(10) whatever the training did.
        Program plain = Program.parse(SGD.formatted(""));
        Program zeroed = Program.parse(SGD.formatted(", readout=z").replace("  return", "  z = w * 0.0\n  return"));
        TrainResult trained = Trainer.train(digits(60), plain, "sgd");
        TrainResult readout = Trainer.train(digits(60), zeroed, "sgd-zero-readout");
        assertTrue(trained.valLoss() < 2.0, "plain SGD learns: " + trained.valLoss());
        assertEquals(Math.log(10), readout.valLoss(), 1e-4);
        assertNotEquals(trained.valLoss(), readout.valLoss());
    }

    @Test
    void theTrainerGivesTotalStepsToAProgramThatReadsIt() {
        Program warmup = Program.parse("""
                def train(w, g, lr, step, total_steps):
                  f = step / total_steps
                  lr = lr * f
                  lr = lr * 0.1
                  u = g * lr
                  return u
                """);
        TrainResult r = Trainer.train(digits(60), warmup, "linear-warmup");
        assertTrue(!r.diverged() && r.valLoss() < 2.3, r.toString());
    }
}
