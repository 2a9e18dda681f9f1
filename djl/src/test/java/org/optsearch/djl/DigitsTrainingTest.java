package org.optsearch.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;
import org.optsearch.optim.Optimizers;
import org.optsearch.train.model.Batch;

/**
 * A DJL MLP (64-32-10) learns the 8x8 digits inside a DJL Trainer with our Lion through the adapter, and
 * with DJL's own Adam for comparison: both far above chance (10%) on the 360 held-out digits.
 */
class DigitsTrainingTest {
    private static final int EPOCHS = 15;
    private static final int BATCH = 32;

    @Test
    void lionThroughTheAdapterLearnsDigits() {
        OptSearchOptimizer lion = OptSearchOptimizer.of(
                Optimizers.lion().setLearningRate(1e-3).optWeightDecay(0.1).build());
        double accuracy = train(lion);
        assertTrue(accuracy > 0.9, "validation accuracy with Lion " + accuracy);
    }

    @Test
    void djlAdamLearnsDigits() {
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(3e-3f)).build();
        double accuracy = train(adam);
        assertTrue(accuracy > 0.9, "validation accuracy with DJL's Adam " + accuracy);
    }

    private static double train(Optimizer optimizer) {
        try (DjlMlp mlp = new DjlMlp(optimizer)) {
            Batch.Features[] batches = DigitsData.trainingBatches(EPOCHS, BATCH, 7);
            float first = mlp.step(batches[0]);
            float last = first;
            for (int i = 1; i < batches.length; i++) {
                last = mlp.step(batches[i]);
            }
            double accuracy = mlp.accuracy(DigitsData.validation());
            System.out.printf("%s: loss %.3f -> %.3f over %d steps, validation accuracy %.3f%n",
                    optimizer.getClass().getSimpleName(), first, last, batches.length, accuracy);
            return accuracy;
        }
    }
}
