package org.optsearch.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;
import org.optsearch.optim.Optimizers;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.Mlp;
import org.optsearch.train.nn.Activation;

/**
 * The same optimizer, model, initial weights and batches, run twice: inside a DJL Trainer through the
 * adapter (DJL's forward and backward, one optimizer state per parameter), and with our own code (our
 * Mlp's hand-written backward pass, one optimizer state over the flat buffer). The weights must agree
 * after every step.
 *
 * <p>Tolerance: max |w_djl - w_ours| <= 1e-5 over all 2,410 weights after each of 5 steps. The two
 * backward passes sum in different orders, so gradients differ in the last bits (~1e-7 relative); Lion
 * moves each weight by +-lr (1e-3) from sign(), so a single sign that came out differently would show
 * as a difference of 2e-3, 200 times the tolerance, and so would a gradient that was not cleared between
 * steps or a matrix used transposed.
 */
class TrajectoryTest {
    private static final int STEPS = 5;
    private static final double TOLERANCE = 1e-5;

    @Test
    void lionInsideDjlFollowsOurLion() {
        double worst = maxDifference(Optimizers.lion().setLearningRate(1e-3).optWeightDecay(0.1).build());
        assertTrue(worst <= TOLERANCE, "largest weight difference " + worst);
    }

    /** Adafactor factors matrices by rows and columns: this checks that each 2-D parameter keeps its shape. */
    @Test
    void adafactorInsideDjlFollowsOurAdafactor() {
        double worst = maxDifference(Optimizers.adafactor().setLearningRate(1e-2).build());
        assertTrue(worst <= TOLERANCE, "largest weight difference " + worst);
    }

    /** The largest difference over all weights and steps; also checks the losses step by step. */
    private static double maxDifference(Optimizer optimizer) {
        Mlp ours = new Mlp(DigitsData.FEATURES, new int[] {DjlMlp.HIDDEN}, DigitsData.CLASSES, Activation.RELU,
                false);
        ParamLayout layout = ours.layout();
        float[] w = new float[layout.size()];
        ours.initialize(w, new SplittableRandom(1));
        float[] grad = new float[w.length];
        OptimizerState state = optimizer.newState(layout);
        Batch.Features[] batches = DigitsData.trainingBatches(1, 64, 3);

        double worst = 0;
        try (DjlMlp djl = new DjlMlp(OptSearchOptimizer.of(optimizer))) {
            List<Parameter> params = djl.parameters();
            copyIn(w, layout, params);
            for (int step = 0; step < STEPS; step++) {
                double ourLoss = ours.lossAndGradient(w, batches[step], grad);
                optimizer.step(w, grad, state);
                float djlLoss = djl.step(batches[step]);
                assertEquals(ourLoss, djlLoss, 1e-5 * Math.abs(ourLoss), "loss before step " + step);
                double difference = difference(w, layout, params);
                System.out.printf("%s step %d: loss %.6f (DJL %.6f), max |w_djl - w_ours| = %.3g%n",
                        optimizer.name(), step, ourLoss, djlLoss, difference);
                worst = Math.max(worst, difference);
            }
        }
        return worst;
    }

    /**
     * Our Mlp stores a dense weight as {@code in x out} (row i: the weights out of input i), DJL's Linear
     * as {@code out x in}: the DJL parameters in block order are the transposes, then the biases.
     */
    private static void copyIn(float[] w, ParamLayout layout, List<Parameter> params) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).getArray().set(toDjl(w, layout.segments().get(i)));
        }
    }

    private static double difference(float[] w, ParamLayout layout, List<Parameter> params) {
        double worst = 0;
        for (int i = 0; i < params.size(); i++) {
            float[] expected = toDjl(w, layout.segments().get(i));
            float[] actual = params.get(i).getArray().toFloatArray();
            for (int j = 0; j < expected.length; j++) {
                worst = Math.max(worst, Math.abs(expected[j] - actual[j]));
            }
        }
        return worst;
    }

    private static float[] toDjl(float[] w, ParamLayout.Segment s) {
        float[] out = new float[s.length()];
        int rows = s.rows();
        int cols = s.columns();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = w[s.offset() + r * cols + c];
            }
        }
        return out;
    }
}
