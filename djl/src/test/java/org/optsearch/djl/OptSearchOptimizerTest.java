package org.optsearch.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;
import org.optsearch.optim.Optimizers;

/** The adapter on single arrays: the same numbers as our optimizer on Java arrays, and DJL's conventions. */
class OptSearchOptimizerTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void updatesExactlyAsOurOptimizerOnJavaArrays() {
        for (Optimizer optimizer : new Optimizer[] {
                Optimizers.lion().setLearningRate(1e-3).build(),
                Optimizers.adamw().setLearningRate(1e-3).build()}) {
            float[] w = random(3 * 5, 1);
            NDArray weight = parameter(w, new Shape(3, 5));
            OptSearchOptimizer adapter = OptSearchOptimizer.of(optimizer);
            OptimizerState state = optimizer.newState(ParamLayout.single(w.length));
            for (int step = 0; step < 4; step++) {
                float[] g = random(w.length, 10 + step);
                adapter.update("w", weight, manager.create(g, weight.getShape()));
                optimizer.step(w, g, state);
                assertArrayEquals(w, weight.toFloatArray(), optimizer.name() + " step " + step);
            }
            assertEquals(4, adapter.state("w").step());
        }
    }

    @Test
    void clearsTheAccumulatedGradientAsDjlOptimizersDo() {
        NDArray weight = parameter(random(8, 2), new Shape(8));
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            collector.backward(weight.mul(3f).sum());
        }
        assertEquals(3f, weight.getGradient().toFloatArray()[0]);
        OptSearchOptimizer.of(Optimizers.lion().setLearningRate(1e-3).build())
                .update("w", weight, weight.getGradient().duplicate());
        assertArrayEquals(new float[8], weight.getGradient().toFloatArray());
    }

    @Test
    void rescalesThenClipsTheGradientAsDjlDocumentsIt() {
        Optimizer sgd = Optimizers.sgd().setLearningRate(1.0).build();
        OptSearchOptimizer adapter = OptSearchOptimizer.builder().setOptimizer(sgd).setRescaleGrad(0.5f)
                .optClipGrad(1f).build();
        NDArray weight = parameter(new float[4], new Shape(4));
        adapter.update("w", weight, manager.create(new float[] {1f, -1f, 4f, -6f}));
        // w = -clip(0.5 g, 1): 0.5 and -0.5 pass, 2 and -3 are clipped to 1 and -1.
        assertArrayEquals(new float[] {-0.5f, 0.5f, -1f, 1f}, weight.toFloatArray());
    }

    @Test
    void refusesDjlsWeightDecayAndAMissingOptimizer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OptSearchOptimizer.builder()
                .setOptimizer(Optimizers.lion().setLearningRate(1e-3).build()).optWeightDecays(0.01f).build());
        assertTrue(e.getMessage().contains("optWeightDecay"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> OptSearchOptimizer.builder().build());
    }

    @Test
    void refusesAParameterOfAnotherShapeThanItsState() {
        OptSearchOptimizer adapter = OptSearchOptimizer.of(Optimizers.lion().setLearningRate(1e-3).build());
        adapter.update("w", parameter(new float[6], new Shape(2, 3)), manager.create(new float[6], new Shape(2, 3)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> adapter.update("w",
                parameter(new float[6], new Shape(3, 2)), manager.create(new float[6], new Shape(3, 2))));
        assertTrue(e.getMessage().contains("(3, 2)"), e.getMessage());
    }

    private NDArray parameter(float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        return array;
    }

    private static float[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
