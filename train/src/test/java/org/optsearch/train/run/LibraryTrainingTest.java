package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.optim.Checkpoint;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;
import org.optsearch.optim.Optimizers;
import org.optsearch.optim.Sam;
import org.optsearch.train.data.Batcher;
import org.optsearch.train.model.Model;
import org.optsearch.train.task.BuiltinTasks;
import org.optsearch.train.task.Tasks;

/** The optimizer library on a real model: checkpoint-exact resume, Adafactor, SAM and LookSAM. */
class LibraryTrainingTest {

    private static Task digits(int steps) {
        Task t = BuiltinTasks.load("digits-mlp", Tasks.dataDir());
        return t.withConfig(t.config().withSteps(steps));
    }

    /** Trains {@code from..to} steps in place; batches come from a batcher replayed to {@code from}. */
    private static void train(Task task, Model model, Optimizer optimizer, float[] w, OptimizerState state,
                              int from, int to) {
        Batcher batches = new Batcher(task.train(), task.config().batchSize(), new SplittableRandom(42));
        for (int i = 0; i < from; i++) {
            batches.next();
        }
        float[] grad = new float[w.length];
        for (int step = from; step < to; step++) {
            model.lossAndGradient(w, batches.next(), grad);
            optimizer.step(w, grad, state);
        }
    }

    @Test
    void resumingFromACheckpointContinuesBitwiseAsIfTrainingHadNotStopped(@TempDir Path dir) throws IOException {
        Task task = digits(200);
        for (Optimizer optimizer : new Optimizer[] {
                Optimizers.lion().setLearningRate(3e-4).optSchedule(Trainer.schedule(task.config())).build(),
                Optimizers.adamw().setLearningRate(1e-3).optSchedule(Trainer.schedule(task.config())).build(),
                Optimizers.adafactor().setLearningRate(1e-2).optBeta1(0.9).build()}) {
            Model model = task.model().get();
            float[] straight = new float[model.layout().size()];
            model.initialize(straight, new SplittableRandom(1));
            float[] initial = straight.clone();
            OptimizerState straightState = optimizer.newState(model.layout());
            train(task, model, optimizer, straight, straightState, 0, 200);

            float[] w = initial.clone();
            OptimizerState state = optimizer.newState(model.layout());
            train(task, model, optimizer, w, state, 0, 100);
            Path file = dir.resolve(optimizer.name() + ".ckpt");
            new Checkpoint(w, state).save(file);

            Model fresh = task.model().get();
            Checkpoint loaded = Checkpoint.load(file, optimizer);
            assertEquals(100, loaded.state().step());
            float[] resumed = loaded.weights();
            train(task, fresh, optimizer, resumed, loaded.state(), 100, 200);

            assertArrayEquals(straight, resumed, optimizer.name() + ": weights after resume");
            for (int i = 0; i < straightState.slots().length; i++) {
                assertArrayEquals(straightState.slots()[i], loaded.state().slots()[i], optimizer.name() + " slot " + i);
            }
            assertFalse(java.util.Arrays.equals(initial, straight), "the weights moved");
        }
    }

    @Test
    void adafactorSamAndLookSamTrainTheDigitsWellAboveChance() {
        Task task = digits(300);
        Optimizer lion = Optimizers.lion().setLearningRate(1e-3).optWeightDecay(0.1)
                .optSchedule(Trainer.schedule(task.config())).build();
        TrainResult plain = Trainer.train(task, lion, null, new Trainer.Listener() { });
        TrainResult sam = Trainer.train(task, lion, Sam.sam(0.05), new Trainer.Listener() { });
        TrainResult look = Trainer.train(task, lion, Sam.lookSam(0.05, 5), new Trainer.Listener() { });
        Optimizer adafactor = Optimizers.adafactor().setLearningRate(1e-2)
                .optSchedule(Trainer.schedule(task.config())).build();
        TrainResult factored = Trainer.train(task, adafactor, null, new Trainer.Listener() { });
        for (TrainResult r : new TrainResult[] {plain, sam, look, factored}) {
            assertFalse(r.diverged(), r.toString());
            assertTrue(r.valAccuracy() > 0.85, r.toString());
        }
        assertNotEquals(plain.valLoss(), sam.valLoss(), "SAM changes the run");
        assertNotEquals(sam.valLoss(), look.valLoss(), "LookSAM is not SAM");
    }
}
