package org.optsearch.train.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;
import org.optsearch.train.nn.Activation;
import org.optsearch.train.nn.Dense;
import org.optsearch.train.nn.MeanSquaredError;
import org.optsearch.train.nn.SoftmaxCrossEntropy;

/**
 * A multilayer perceptron: dense layers with an activation between them, then a linear head with
 * softmax cross-entropy (classification, {@code outputs} classes) or mean squared error (regression,
 * one output).
 */
public final class Mlp implements Model {
    private final Dense[] layers;
    private final Activation activation;
    private final boolean regression;
    private final ParamLayout layout;
    /** Per layer: its input (activated output of the previous layer); {@code inputs[0]} is the batch. */
    private float[][] inputs = new float[0][];
    /** Per hidden layer: the pre-activation values. */
    private float[][] preActivations = new float[0][];
    private float[] logits = new float[0];
    private float[] probabilities = new float[0];
    private float[] delta = new float[0];
    private float[] deltaIn = new float[0];
    private int capacity;

    /**
     * @param inputs  features per example
     * @param hidden  widths of the hidden layers (may be empty: a linear model)
     * @param outputs classes, or 1 for regression
     */
    public Mlp(int inputs, int[] hidden, int outputs, Activation activation, boolean regression) {
        if (regression && outputs != 1) {
            throw new IllegalArgumentException("a regression MLP has 1 output, got " + outputs);
        }
        ParamsBuilder params = new ParamsBuilder();
        layers = new Dense[hidden.length + 1];
        int width = inputs;
        for (int i = 0; i <= hidden.length; i++) {
            int out = i < hidden.length ? hidden[i] : outputs;
            layers[i] = new Dense(params, "layer" + i, width, out);
            width = out;
        }
        this.activation = activation;
        this.regression = regression;
        params.mark("layer" + hidden.length + ".weight", ParamLayout.Role.HEAD);
        this.layout = params.build();
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] w, SplittableRandom rnd) {
        for (Dense layer : layers) {
            layer.initialize(w, rnd);
        }
    }

    @Override
    public double lossAndGradient(float[] w, Batch batch, float[] grad) {
        Batch.Features b = (Batch.Features) batch;
        int rows = b.size();
        forward(w, b);
        Arrays.fill(grad, 0f);
        int outputs = layers[layers.length - 1].out();
        double loss;
        float scale = 1f / rows;
        if (regression) {
            loss = MeanSquaredError.forward(logits, b.targets(), rows);
            MeanSquaredError.backward(logits, b.targets(), rows, scale, delta);
        } else {
            loss = SoftmaxCrossEntropy.forward(logits, b.labels(), rows, outputs, probabilities);
            SoftmaxCrossEntropy.backward(probabilities, b.labels(), rows, outputs, scale, delta);
        }
        for (int i = layers.length - 1; i >= 0; i--) {
            Dense layer = layers[i];
            float[] dx = i == 0 ? null : deltaIn;
            layer.backward(w, inputs[i], delta, grad, dx, rows);
            if (i > 0) {
                activation.backward(preActivations[i - 1], inputs[i], deltaIn, deltaIn, rows * layer.in());
                float[] t = delta;
                delta = deltaIn;
                deltaIn = t;
            }
        }
        return loss / rows;
    }

    @Override
    public Evaluation evaluate(float[] w, Batch batch) {
        Batch.Features b = (Batch.Features) batch;
        int rows = b.size();
        forward(w, b);
        if (regression) {
            return new Evaluation(MeanSquaredError.forward(logits, b.targets(), rows), 0, rows);
        }
        int classes = layers[layers.length - 1].out();
        double loss = SoftmaxCrossEntropy.forward(logits, b.labels(), rows, classes, probabilities);
        return new Evaluation(loss, SoftmaxCrossEntropy.correct(logits, b.labels(), rows, classes), rows);
    }

    private void forward(float[] w, Batch.Features b) {
        int rows = b.size();
        ensureCapacity(rows);
        inputs[0] = b.x();
        for (int i = 0; i < layers.length; i++) {
            Dense layer = layers[i];
            if (i < layers.length - 1) {
                layer.forward(w, inputs[i], preActivations[i], rows);
                activation.forward(preActivations[i], inputs[i + 1], rows * layer.out());
            } else {
                layer.forward(w, inputs[i], logits, rows);
            }
        }
    }

    /** Activation buffers for batches of up to {@code rows} examples; grown when a larger batch comes. */
    private void ensureCapacity(int rows) {
        if (rows <= capacity) {
            return;
        }
        capacity = rows;
        inputs = new float[layers.length][];
        preActivations = new float[layers.length - 1][];
        int widest = 0;
        for (int i = 0; i < layers.length; i++) {
            widest = Math.max(widest, Math.max(layers[i].in(), layers[i].out()));
            if (i < layers.length - 1) {
                preActivations[i] = new float[rows * layers[i].out()];
                inputs[i + 1] = new float[rows * layers[i].out()];
            }
        }
        int outputs = layers[layers.length - 1].out();
        logits = new float[rows * outputs];
        probabilities = new float[rows * outputs];
        delta = new float[rows * widest];
        deltaIn = new float[rows * widest];
    }
}
