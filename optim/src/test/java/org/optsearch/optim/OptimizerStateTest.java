package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;

/** Saving and loading a state mid-run changes nothing: the run continues bit for bit. */
class OptimizerStateTest {
    static final ParamLayout LAYOUT = new ParamLayout(List.of(new ParamLayout.Segment("weight", 0, 12 * 7, 12),
            new ParamLayout.Segment("bias", 84, 7)));

    static List<Optimizer> optimizers() {
        return List.of(
                Optimizers.lion().setLearningRate(1e-3).optSchedule(Schedule.warmupCosine(5, 40)).build(),
                Optimizers.adamw().setLearningRate(1e-3).optSchedule(Schedule.linearDecay(3, 40)).build(),
                Optimizers.sgd().setLearningRate(0.05).optMomentum(0.9).optNesterov(true).build(),
                Optimizers.adafactor().setLearningRate(1e-2).optBeta1(0.9).build());
    }

    @Test
    void stoppingSavingLoadingAndGoingOnIsBitwiseTheSameAsNotStopping() throws IOException {
        for (Optimizer optimizer : optimizers()) {
            float[] straight = initial();
            OptimizerState s1 = optimizer.newState(LAYOUT);
            for (int step = 0; step < 40; step++) {
                optimizer.step(straight, gradient(step, straight), s1);
            }

            float[] resumed = initial();
            OptimizerState first = optimizer.newState(LAYOUT);
            for (int step = 0; step < 20; step++) {
                optimizer.step(resumed, gradient(step, resumed), first);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.save(bytes);
            OptimizerState loaded = OptimizerState.load(new ByteArrayInputStream(bytes.toByteArray()), optimizer);
            assertEquals(20, loaded.step());
            for (int step = 20; step < 40; step++) {
                optimizer.step(resumed, gradient(step, resumed), loaded);
            }
            assertArrayEquals(straight, resumed, optimizer.name());
            for (int i = 0; i < s1.slots().length; i++) {
                assertArrayEquals(s1.slots()[i], loaded.slots()[i], optimizer.name() + " slot " + i);
            }
        }
    }

    @Test
    void aStateLoadsOnlyIntoTheOptimizerThatSavedIt() throws IOException {
        Optimizer lion = Optimizers.lion().setLearningRate(1e-3).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lion.newState(LAYOUT).save(bytes);
        byte[] saved = bytes.toByteArray();
        Optimizer otherBeta = Optimizers.lion().setLearningRate(1e-3).optBeta2(0.98).build();
        var e = assertThrows(IOException.class, () -> OptimizerState.load(new ByteArrayInputStream(saved), otherBeta));
        assertTrue(e.getMessage().contains("different optimizer or settings") && e.getMessage().contains("0.98"),
                e.getMessage());
        assertThrows(EOFException.class, () -> OptimizerState.load(
                new ByteArrayInputStream(Arrays.copyOf(saved, saved.length - 5)), lion));
        var magic = assertThrows(IOException.class,
                () -> OptimizerState.load(new ByteArrayInputStream(new byte[64]), lion));
        assertTrue(magic.getMessage().contains("not a saved optimizer state"), magic.getMessage());
    }

    @Test
    void aTensorsRoleAndOrientationAreSavedWithTheState() throws IOException {
        Optimizer muon = Optimizers.muon().setLearningRate(0.02).build();
        ParamLayout layout = new ParamLayout(List.of(new ParamLayout.Segment("hidden", 0, 12 * 7, 12,
                ParamLayout.Role.MATRIX, ParamLayout.Orientation.IN_BY_OUT), new ParamLayout.Segment("head", 84, 14, 2,
                ParamLayout.Role.HEAD)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        muon.newState(layout).save(bytes);
        OptimizerState loaded = OptimizerState.load(new ByteArrayInputStream(bytes.toByteArray()), muon);
        assertEquals(layout, loaded.layout());
    }

    static float[] initial() {
        float[] w = new float[LAYOUT.size()];
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        return w;
    }

    /** A gradient that depends on the weights (a quadratic pulled towards 0.5) plus seeded noise. */
    static float[] gradient(int step, float[] w) {
        SplittableRandom rnd = new SplittableRandom(1000 + step);
        float[] g = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            g[i] = (float) ((w[i] - 0.5) * (1 + i % 3) + 0.1 * rnd.nextGaussian());
        }
        return g;
    }
}
