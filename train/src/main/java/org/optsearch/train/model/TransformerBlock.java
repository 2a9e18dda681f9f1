package org.optsearch.train.model;

import java.util.SplittableRandom;
import org.optsearch.train.nn.Activation;
import org.optsearch.train.nn.CausalSelfAttention;
import org.optsearch.train.nn.Dense;
import org.optsearch.train.nn.Kernels;
import org.optsearch.train.nn.LayerNorm;

/**
 * A pre-norm transformer block over {@code (batch, seq, dim)}:
 * {@code h = x + attention(ln1(x))}, {@code y = h + dense2(gelu(dense1(ln2(h))))}.
 * The forward pass keeps what the backward pass needs; one block instance per position in the model.
 */
final class TransformerBlock {
    private final int dim;
    private final int hidden;
    private final LayerNorm ln1;
    private final CausalSelfAttention attention;
    private final LayerNorm ln2;
    private final Dense up;
    private final Dense down;

    private float[] x = new float[0];
    private float[] normed1 = new float[0];
    private float[] h = new float[0];
    private float[] normed2 = new float[0];
    private float[] pre = new float[0];
    private float[] act = new float[0];
    private float[] dH = new float[0];
    private float[] dNormed = new float[0];
    private float[] dAct = new float[0];

    TransformerBlock(ParamsBuilder params, String name, int dim, int heads, int mlpRatio, boolean causal) {
        this.dim = dim;
        this.hidden = dim * mlpRatio;
        ln1 = new LayerNorm(params, name + ".ln1", dim);
        attention = new CausalSelfAttention(params, name + ".attn", dim, heads, causal);
        ln2 = new LayerNorm(params, name + ".ln2", dim);
        up = new Dense(params, name + ".mlp.up", dim, hidden);
        down = new Dense(params, name + ".mlp.down", hidden, dim);
    }

    void initialize(float[] w, SplittableRandom rnd) {
        ln1.initialize(w, rnd);
        attention.initialize(w, rnd);
        ln2.initialize(w, rnd);
        up.initialize(w, rnd);
        down.initialize(w, rnd);
    }

    /** {@code out} gets the block's output; {@code in} is copied, so it may be reused by the caller. */
    void forward(float[] w, float[] in, float[] out, int batch, int seq) {
        int rows = batch * seq;
        ensure(rows);
        int n = rows * dim;
        System.arraycopy(in, 0, x, 0, n);
        ln1.forward(w, x, normed1, rows);
        attention.forward(w, normed1, h, batch, seq);
        Kernels.add(x, 0, h, 0, n);
        ln2.forward(w, h, normed2, rows);
        up.forward(w, normed2, pre, rows);
        Activation.GELU.forward(pre, act, rows * hidden);
        down.forward(w, act, out, rows);
        Kernels.add(h, 0, out, 0, n);
    }

    /** From the gradient of the output, adds parameter gradients and writes the gradient of the input. */
    void backward(float[] w, float[] dOut, float[] grad, float[] dIn, int batch, int seq) {
        int rows = batch * seq;
        int n = rows * dim;
        down.backward(w, act, dOut, grad, dAct, rows);
        Activation.GELU.backward(pre, act, dAct, dAct, rows * hidden);
        up.backward(w, normed2, dAct, grad, dNormed, rows);
        ln2.backward(w, h, dNormed, grad, dH, rows);
        Kernels.add(dOut, 0, dH, 0, n);
        attention.backward(w, normed1, dH, grad, dNormed, batch, seq);
        ln1.backward(w, x, dNormed, grad, dIn, rows);
        Kernels.add(dH, 0, dIn, 0, n);
    }

    private void ensure(int rows) {
        int n = rows * dim;
        if (x.length >= n) {
            return;
        }
        x = new float[n];
        normed1 = new float[n];
        h = new float[n];
        normed2 = new float[n];
        dH = new float[n];
        dNormed = new float[n];
        pre = new float[rows * hidden];
        act = new float[rows * hidden];
        dAct = new float[rows * hidden];
    }
}
