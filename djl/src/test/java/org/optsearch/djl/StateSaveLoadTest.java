package org.optsearch.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsearch.optim.Optimizers;
import org.optsearch.train.model.Batch;

/**
 * Training resumed from saved weights and a saved optimizer state, in a new model instance (new DJL
 * parameter ids), continues bit for bit as if it had not stopped.
 */
class StateSaveLoadTest {
    private static final Batch.Features[] BATCHES = DigitsData.trainingBatches(1, 64, 5);

    private static OptSearchOptimizer lion(double learningRate) {
        return OptSearchOptimizer.of(Optimizers.lion().setLearningRate(learningRate).build());
    }

    @Test
    void resumedTrainingContinuesExactly() throws IOException {
        List<float[]> savedWeights;
        byte[] savedState;
        List<float[]> expected;
        OptSearchOptimizer first = lion(1e-3);
        try (DjlMlp original = new DjlMlp(first)) {
            for (int i = 0; i < 3; i++) {
                original.step(BATCHES[i]);
            }
            savedWeights = weights(original);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            first.saveState(out, original.model().getBlock());
            savedState = out.toByteArray();
            original.step(BATCHES[3]);
            expected = weights(original);
        }

        OptSearchOptimizer resumed = lion(1e-3);
        try (DjlMlp copy = new DjlMlp(resumed)) {
            setWeights(copy, savedWeights);
            resumed.loadState(new ByteArrayInputStream(savedState), copy.model().getBlock());
            copy.step(BATCHES[3]);
            List<float[]> actual = weights(copy);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
            }
        }

        // Without the state, the fourth step starts from zero momentum and goes elsewhere.
        try (DjlMlp fresh = new DjlMlp(lion(1e-3))) {
            setWeights(fresh, savedWeights);
            fresh.step(BATCHES[3]);
            assertFalse(Arrays.equals(expected.get(0), weights(fresh).get(0)));
        }
    }

    @Test
    void refusesAStateOfOtherSettings() throws IOException {
        OptSearchOptimizer saved = lion(1e-3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DjlMlp mlp = new DjlMlp(saved)) {
            mlp.step(BATCHES[0]);
            saved.saveState(out, mlp.model().getBlock());
            OptSearchOptimizer other = lion(3e-4);
            IOException e = assertThrows(IOException.class,
                    () -> other.loadState(new ByteArrayInputStream(out.toByteArray()), mlp.model().getBlock()));
            assertTrue(e.getMessage().contains("different optimizer or settings"), e.getMessage());
        }
    }

    private static List<float[]> weights(DjlMlp mlp) {
        List<float[]> list = new ArrayList<>();
        for (Parameter p : mlp.parameters()) {
            list.add(p.getArray().toFloatArray());
        }
        return list;
    }

    private static void setWeights(DjlMlp mlp, List<float[]> weights) {
        List<Parameter> params = mlp.parameters();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).getArray().set(weights.get(i));
        }
    }
}
