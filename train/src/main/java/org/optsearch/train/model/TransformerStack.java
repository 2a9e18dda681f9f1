package org.optsearch.train.model;

import java.util.SplittableRandom;
import org.optsearch.train.nn.LayerNorm;

/**
 * The body shared by the transformer models: {@code depth} pre-norm blocks, then a final layer norm.
 * Keeps the activations of the last forward pass in {@link Sequence} buffers for the backward pass.
 */
final class TransformerStack {
    private final TransformerBlock[] blocks;
    private final LayerNorm finalNorm;

    TransformerStack(ParamsBuilder params, int dim, int depth, int heads, int mlpRatio, boolean causal) {
        blocks = new TransformerBlock[depth];
        for (int i = 0; i < depth; i++) {
            blocks[i] = new TransformerBlock(params, "block" + i, dim, heads, mlpRatio, causal);
        }
        finalNorm = new LayerNorm(params, "final_norm", dim);
    }

    int depth() {
        return blocks.length;
    }

    void initialize(float[] w, SplittableRandom rnd) {
        for (TransformerBlock b : blocks) {
            b.initialize(w, rnd);
        }
        finalNorm.initialize(w, rnd);
    }

    /** From {@code s.hidden[0]} (the embedded input) to {@code s.normed}. */
    void forward(float[] w, Sequence s, int batch, int seq) {
        for (int i = 0; i < blocks.length; i++) {
            blocks[i].forward(w, s.hidden[i], s.hidden[i + 1], batch, seq);
        }
        finalNorm.forward(w, s.hidden[blocks.length], s.normed, batch * seq);
    }

    /** From the gradient of {@code s.normed} in {@code s.dA}; leaves the gradient of the input in {@code s.dB}. */
    void backward(float[] w, Sequence s, float[] grad, int batch, int seq) {
        finalNorm.backward(w, s.hidden[blocks.length], s.dA, grad, s.dB, batch * seq);
        for (int i = blocks.length - 1; i >= 0; i--) {
            blocks[i].backward(w, s.dB, grad, s.dA, batch, seq);
            float[] t = s.dA;
            s.dA = s.dB;
            s.dB = t;
        }
    }
}
