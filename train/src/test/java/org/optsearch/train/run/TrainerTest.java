package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.train.task.BuiltinTasks;
import org.optsearch.train.task.Tasks;

class TrainerTest {
    private static final Program ADAMW = Program.parse("""
            def train(w, g, m, v, lr):
              g2 = square(g)
              m = interp(g, m, 0.9)
              v = interp(g2, v, 0.999)
              sqrt_v = sqrt(v)
              update = m / sqrt_v
              decay = w * 0.01
              update = update + decay
              lr = lr * 0.001
              update = update * lr
              return update, m, v
            """);

    private static Task digits(int steps) {
        Task t = BuiltinTasks.load("digits-mlp", Tasks.dataDir());
        return t.withConfig(t.config().withSteps(steps));
    }

    @Test
    void sameSeedSameTaskSameProgramGiveBitwiseTheSameResult() {
        TrainResult a = Trainer.train(digits(60), ADAMW, "adamw");
        TrainResult b = Trainer.train(digits(60), ADAMW, "adamw");
        assertEquals(a.curve(), b.curve());
        assertEquals(Double.doubleToLongBits(a.valLoss()), Double.doubleToLongBits(b.valLoss()));
    }

    @Test
    void anotherSeedGivesAnotherRun() {
        Task task = digits(60);
        TrainResult a = Trainer.train(task, ADAMW, "adamw");
        TrainResult b = Trainer.train(task.withConfig(task.config().withSeed(2)), ADAMW, "adamw");
        assertNotEquals(a.valLoss(), b.valLoss());
    }

    @Test
    void adamwLearnsTheDigitsWellAboveChance() {
        TrainResult r = Trainer.train(digits(300), ADAMW, "adamw");
        assertFalse(r.diverged());
        assertTrue(r.valAccuracy() > 0.9, "accuracy " + r.valAccuracy());
        assertEquals(r.valAccuracy(), r.fitness());
        assertEquals(5, r.curve().size());
        assertEquals(300, r.curve().get(4).step());
    }

    @Test
    void aHugeLearningRateDivergesAndScoresFailed() {
        Program wild = Program.parse("""
                def train(w, g, lr):
                  lr = lr * 10000.0
                  update = g * lr
                  return update
                """);
        TrainResult r = Trainer.train(digits(100), wild, "wild");
        assertTrue(r.diverged(), "expected divergence, got " + r);
        assertEquals(TrainResult.FAILED, r.fitness());
        assertTrue(r.steps() < 100);
    }

    @Test
    void batchLargerThanTheTrainingSetTrainsOnTheWholeSetEachStep() {
        Task base = digits(20);
        Task all = base.withConfig(new TrainConfig(20, base.train().size(), 2, 1, 2));
        Task larger = base.withConfig(new TrainConfig(20, 65536, 2, 1, 2));
        assertEquals(base.train().size(), larger.batchSize());
        assertEquals("note: " + base.name() + ": batch size 65536 is larger than the training set ("
                + base.train().size() + " examples); each step trains on all " + base.train().size()
                + " (full batch)", larger.batchNote());
        assertEquals(null, all.batchNote());
        TrainResult a = Trainer.train(all, ADAMW, "adamw");
        TrainResult b = Trainer.train(larger, ADAMW, "adamw");
        assertFalse(b.diverged());
        assertEquals(a.curve(), b.curve());
    }
}
