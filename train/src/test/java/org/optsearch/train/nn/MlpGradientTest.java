package org.optsearch.train.nn;

import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optsearch.train.model.ParamsBuilder;

/**
 * The layers chained the way a model chains them (dense, activation, dense, softmax cross-entropy on the
 * mean) give the gradient of the whole network's mean loss.
 */
class MlpGradientTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void chainedLayersGiveTheGradientOfTheMeanLoss(Activation activation) {
        int rows = 6;
        int in = 20;
        int hidden = 17;
        int classes = 4;
        SplittableRandom rnd = new SplittableRandom(activation.ordinal());
        ParamsBuilder params = new ParamsBuilder();
        Dense first = new Dense(params, "fc1", in, hidden);
        Dense second = new Dense(params, "fc2", hidden, classes);
        float[] w = new float[params.size()];
        first.initialize(w, rnd);
        second.initialize(w, rnd);
        for (int i = first.biasOffset(); i < first.biasOffset() + hidden; i++) {
            w[i] = (float) (0.2 * (2 * rnd.nextDouble() - 1)); // nonzero biases, so their gradient path is tested
        }
        float[] x = GradientCheck.uniform(rnd, rows * in, 1.0);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = rnd.nextInt(classes);
        }

        float[] h = new float[rows * hidden];
        float[] a = new float[rows * hidden];
        float[] logits = new float[rows * classes];
        float[] probs = new float[rows * classes];
        first.forward(w, x, h, rows);
        activation.forward(h, a, rows * hidden);
        second.forward(w, a, logits, rows);
        SoftmaxCrossEntropy.forward(logits, labels, rows, classes, probs);
        float[] grad = new float[params.size()];
        float[] dlogits = new float[rows * classes];
        SoftmaxCrossEntropy.backward(probs, labels, rows, classes, 1f / rows, dlogits);
        float[] da = new float[rows * hidden];
        second.backward(w, a, dlogits, grad, da, rows);
        activation.backward(h, a, da, da, rows * hidden);
        float[] dx = new float[rows * in];
        first.backward(w, x, da, grad, dx, rows);

        GradientCheck.Reference ref = v -> {
            double[] hidden1 = DoubleReference.dense(v[0], first.weightOffset(), first.biasOffset(), v[1], 0, rows,
                    in, hidden);
            double[] act = DoubleReference.activation(activation, hidden1);
            double[] out = DoubleReference.dense(v[0], second.weightOffset(), second.biasOffset(), act, 0, rows,
                    hidden, classes);
            return new double[] {DoubleReference.crossEntropySum(out, labels, rows, classes) / rows};
        };
        GradientCheck.check("mlp with " + activation, ref, new float[] {1f}, Tolerance.GRADIENT,
                new Tensor("w", w, grad), new Tensor("x", x, dx));
    }
}
