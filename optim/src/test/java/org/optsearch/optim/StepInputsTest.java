package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;

/** The library feeds a program's step inputs: the state's step count plus one, and the set total. */
class StepInputsTest {
    private static final String LINEAR_WARMUP = """
            def train(w, g, lr, step, total_steps):
              f = step / total_steps
              u = g * f
              u = u * lr
              return u
            """;

    @Test
    void stepCountsFromOneAndTotalStepsIsWhatTheBuilderSet() {
        Optimizer opt = Optimizers.fromProgram("warmup", LINEAR_WARMUP).optTotalSteps(4).build();
        float[] w = new float[2];
        float[] g = {1, 2};
        OptimizerState state = opt.newState(ParamLayout.single(2));
        for (int i = 0; i < 3; i++) {
            opt.step(w, g, state);
        }
        // (1 + 2 + 3) / 4 of the gradient
        assertArrayEquals(new float[] {-1.5f, -3f}, w, 1e-6f);
    }

    @Test
    void aProgramReadingTotalStepsIsRefusedAtBuildWithoutIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Optimizers.fromProgram("warmup", LINEAR_WARMUP).build());
        assertTrue(e.getMessage().contains("optTotalSteps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.fromProgram("warmup", LINEAR_WARMUP).optTotalSteps(0));
    }

    @Test
    void aResumedStateGoesOnCountingFromItsSavedStep() throws Exception {
        Optimizer opt = Optimizers.fromProgram("warmup", LINEAR_WARMUP).optTotalSteps(10).build();
        float[] w = new float[1];
        float[] g = {1};
        OptimizerState state = opt.newState(ParamLayout.single(1));
        opt.step(w, g, state);
        opt.step(w, g, state);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        state.save(saved);
        OptimizerState loaded = OptimizerState.load(new ByteArrayInputStream(saved.toByteArray()), opt);
        float[] resumed = w.clone();
        opt.step(w, g, state);
        opt.step(resumed, g, loaded);
        assertArrayEquals(w, resumed);
        assertArrayEquals(new float[] {-0.6f}, w, 1e-6f);
    }
}
