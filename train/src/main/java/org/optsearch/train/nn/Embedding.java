package org.optsearch.train.nn;

import java.util.SplittableRandom;
import org.optsearch.train.model.ParamsBuilder;

/**
 * Token embedding: each token id selects a row of a {@code vocab x dim} table, registered as
 * {@code name.weight}. Tokens are read either as one run ({@code rows} ids) or as {@code batch} sequences
 * of {@code seq} ids whose starts lie {@code stride} apart, so a {@link
 * org.optsearch.train.model.Batch.Tokens} batch (rows of {@code length + 1} tokens) is read in place with
 * {@code seq = length, stride = length + 1}. Output rows are {@code b * seq + t}.
 */
public final class Embedding {
    /** Standard deviation of the initial table, as in GPT-2. */
    public static final double INIT_STD = 0.02;

    private final int vocab;
    private final int dim;
    private final int weight;

    public Embedding(ParamsBuilder params, String name, int vocab, int dim) {
        if (vocab <= 0 || dim <= 0) {
            throw new IllegalArgumentException("embedding '" + name + "' needs positive sizes, got vocab=" + vocab
                    + ", dim=" + dim);
        }
        this.vocab = vocab;
        this.dim = dim;
        this.weight = params.add(name + ".weight", vocab, dim);
    }

    public int vocab() {
        return vocab;
    }

    public int dim() {
        return dim;
    }

    /** Offset of the {@code vocab x dim} table in the flat buffer (for an output layer that shares it). */
    public int weightOffset() {
        return weight;
    }

    /** Entries drawn from {@code N(0, INIT_STD^2)}. */
    public void initialize(float[] w, SplittableRandom rnd) {
        for (int i = 0; i < vocab * dim; i++) {
            w[weight + i] = (float) (INIT_STD * rnd.nextGaussian());
        }
    }

    /** {@code y[r] = table[tokens[r]]} for {@code r < rows}; {@code y} is {@code rows x dim}. */
    public void forward(float[] w, int[] tokens, int rows, float[] y) {
        forward(w, tokens, rows, 1, 1, y);
    }

    /** {@code y[b * seq + t] = table[tokens[b * stride + t]]} for {@code b < batch, t < seq}. */
    public void forward(float[] w, int[] tokens, int batch, int seq, int stride, float[] y) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                int row = token(tokens, b * stride + t);
                System.arraycopy(w, weight + row * dim, y, (b * seq + t) * dim, dim);
            }
        }
    }

    /** Adds each row of {@code dy} ({@code rows x dim}) to the gradient of its token's row. */
    public void backward(int[] tokens, int rows, float[] dy, float[] grad) {
        backward(tokens, rows, 1, 1, dy, grad);
    }

    /** The sequence form of {@link #backward(int[], int, float[], float[])}; arguments as in forward. */
    public void backward(int[] tokens, int batch, int seq, int stride, float[] dy, float[] grad) {
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                int row = token(tokens, b * stride + t);
                Kernels.add(dy, (b * seq + t) * dim, grad, weight + row * dim, dim);
            }
        }
    }

    private int token(int[] tokens, int index) {
        int id = tokens[index];
        if (id < 0 || id >= vocab) {
            throw new IllegalArgumentException("token at index " + index + " must be in [0, " + vocab + "), got "
                    + id);
        }
        return id;
    }
}
