package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;

/** Optimizer.evalWeights: the weights, or a program's readout once it has stepped. */
class EvalWeightsTest {
    private static final String AVERAGING = """
            def train(w, g, a, lr, step):
              u = g * lr
              n = w - u
              c = reciprocal(step)
              a = interp(a, n, c)
              return u, a, readout=a
            """;

    @Test
    void aProgramWithAReadoutEvaluatesItsReadoutAfterTheFirstStep() {
        Optimizer opt = Optimizers.fromProgram("averaging", AVERAGING).build();
        float[] w = {1f, 2f};
        OptimizerState state = opt.newState(ParamLayout.single(2));
        assertSame(w, opt.evalWeights(w, state), "before any step: the weights themselves");
        opt.step(w, new float[] {1f, 1f}, state); // w = 0, 1; the average of the iterates so far = w
        assertArrayEquals(new float[] {0f, 1f}, opt.evalWeights(w, state));
        opt.step(w, new float[] {1f, 1f}, state); // w = -1, 0; average of (0, 1) and (-1, 0)
        assertArrayEquals(new float[] {-0.5f, 0.5f}, opt.evalWeights(w, state));
        assertArrayEquals(new float[] {-1f, 0f}, w);
    }

    @Test
    void anOptimizerWithoutReadoutEvaluatesItsWeights() {
        Optimizer lion = Optimizers.lion().setLearningRate(1e-3).build();
        float[] w = {1f};
        OptimizerState state = lion.newState(ParamLayout.single(1));
        lion.step(w, new float[] {1f}, state);
        assertSame(w, lion.evalWeights(w, state));
    }
}
