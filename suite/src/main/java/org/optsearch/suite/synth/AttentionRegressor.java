package org.optsearch.suite.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.Model;
import org.optsearch.train.model.ParamsBuilder;
import org.optsearch.train.nn.CausalSelfAttention;
import org.optsearch.train.nn.Dense;
import org.optsearch.train.nn.LayerNorm;
import org.optsearch.train.nn.MeanSquaredError;

/**
 * One layer of (non-causal) multi-head self-attention with a residual connection, mean pooling over the
 * sequence and a linear head to one number: {@code y = head(mean_t(x_t + attn(x)_t))}, trained with mean
 * squared error; optionally with a layer norm before the attention ({@code attn(norm(x))}). An example is a row of {@code seq * dim} features (the sequence, row-major). The same
 * architecture with random weights is the teacher of {@link SyntheticData#attentionTeacher}.
 */
public final class AttentionRegressor implements Model {
    private final int seq;
    private final int dim;
    private final LayerNorm norm;
    private final CausalSelfAttention attention;
    private final Dense head;
    private final ParamLayout layout;
    private float[] normed = new float[0];
    private float[] attended = new float[0];
    private float[] pooled = new float[0];
    private float[] out = new float[0];
    private float[] dOut = new float[0];
    private float[] dPooled = new float[0];
    private float[] dAttended = new float[0];
    private float[] dx = new float[0];

    public AttentionRegressor(int seq, int dim, int heads) {
        this(seq, dim, heads, false);
    }

    /** @param normalized whether a layer norm comes before the attention */
    public AttentionRegressor(int seq, int dim, int heads, boolean normalized) {
        this.seq = seq;
        this.dim = dim;
        ParamsBuilder params = new ParamsBuilder();
        norm = normalized ? new LayerNorm(params, "norm", dim) : null;
        attention = new CausalSelfAttention(params, "attention", dim, heads, false);
        head = new Dense(params, "head", dim, 1);
        layout = params.build();
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] w, SplittableRandom rnd) {
        if (norm != null) {
            norm.initialize(w, rnd);
        }
        attention.initialize(w, rnd);
        head.initialize(w, rnd);
    }

    /** Predictions for {@code rows} examples of {@code x} into {@code y}; the forward pass of training. */
    public void predict(float[] w, float[] x, int rows, float[] y) {
        ensure(rows);
        float[] in = x;
        if (norm != null) {
            norm.forward(w, x, normed, rows * seq);
            in = normed;
        }
        attention.forward(w, in, attended, rows, seq);
        Arrays.fill(pooled, 0, rows * dim, 0f);
        float inv = 1f / seq;
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < seq; t++) {
                int at = (b * seq + t) * dim;
                for (int j = 0; j < dim; j++) {
                    pooled[b * dim + j] += (x[at + j] + attended[at + j]) * inv;
                }
            }
        }
        head.forward(w, pooled, y, rows);
    }

    @Override
    public double lossAndGradient(float[] w, Batch batch, float[] grad) {
        Batch.Features b = (Batch.Features) batch;
        int rows = b.size();
        ensure(rows);
        predict(w, b.x(), rows, out);
        double loss = MeanSquaredError.forward(out, b.targets(), rows);
        Arrays.fill(grad, 0f);
        MeanSquaredError.backward(out, b.targets(), rows, 1f / rows, dOut);
        head.backward(w, pooled, dOut, grad, dPooled, rows);
        float inv = 1f / seq;
        for (int r = 0; r < rows; r++) {
            for (int t = 0; t < seq; t++) {
                for (int j = 0; j < dim; j++) {
                    dAttended[(r * seq + t) * dim + j] = dPooled[r * dim + j] * inv;
                }
            }
        }
        if (norm == null) {
            attention.backward(w, b.x(), dAttended, grad, dx, rows, seq);
        } else {
            attention.backward(w, normed, dAttended, grad, dx, rows, seq);
            norm.backward(w, b.x(), dx, grad, null, rows * seq);
        }
        return loss / rows;
    }

    @Override
    public Evaluation evaluate(float[] w, Batch batch) {
        Batch.Features b = (Batch.Features) batch;
        ensure(b.size());
        predict(w, b.x(), b.size(), out);
        return new Evaluation(MeanSquaredError.forward(out, b.targets(), b.size()), 0, b.size());
    }

    private void ensure(int rows) {
        if (out.length >= rows) {
            return;
        }
        attended = new float[rows * seq * dim];
        normed = new float[rows * seq * dim];
        dAttended = new float[rows * seq * dim];
        dx = new float[rows * seq * dim];
        pooled = new float[rows * dim];
        dPooled = new float[rows * dim];
        out = new float[rows];
        dOut = new float[rows];
    }
}
