package org.optsearch.train.nn;

import java.util.SplittableRandom;
import org.optsearch.train.model.ParamsBuilder;

/**
 * Learned absolute position embedding: adds row {@code t} of a {@code maxLength x dim} table (registered as
 * {@code name.weight}) to position {@code t} of every sequence of a {@code (batch, seq, dim)} activation,
 * row-major with rows {@code b * seq + t}.
 */
public final class PositionEmbedding {
    private final int maxLength;
    private final int dim;
    private final int weight;

    public PositionEmbedding(ParamsBuilder params, String name, int maxLength, int dim) {
        if (maxLength <= 0 || dim <= 0) {
            throw new IllegalArgumentException("position embedding '" + name + "' needs positive sizes, got"
                    + " maxLength=" + maxLength + ", dim=" + dim);
        }
        this.maxLength = maxLength;
        this.dim = dim;
        this.weight = params.add(name + ".weight", maxLength, dim);
    }

    public int maxLength() {
        return maxLength;
    }

    public int dim() {
        return dim;
    }

    /** Entries drawn from {@code N(0, Embedding.INIT_STD^2)}. */
    public void initialize(float[] w, SplittableRandom rnd) {
        for (int i = 0; i < maxLength * dim; i++) {
            w[weight + i] = (float) (Embedding.INIT_STD * rnd.nextGaussian());
        }
    }

    /** {@code y[b, t] = x[b, t] + table[t]}; {@code y} may be {@code x}. */
    public void forward(float[] w, float[] x, float[] y, int batch, int seq) {
        checkLength(seq);
        int n = seq * dim;
        for (int b = 0; b < batch; b++) {
            int off = b * n;
            if (y != x) {
                System.arraycopy(x, off, y, off, n);
            }
            Kernels.add(w, weight, y, off, n);
        }
    }

    /**
     * Adds {@code sum_b dy[b, t]} to the gradient of {@code table[t]}. The gradient of the input is
     * {@code dy} itself, which the caller passes on.
     */
    public void backward(float[] dy, float[] grad, int batch, int seq) {
        checkLength(seq);
        int n = seq * dim;
        for (int b = 0; b < batch; b++) {
            Kernels.add(dy, b * n, grad, weight, n);
        }
    }

    private void checkLength(int seq) {
        if (seq > maxLength) {
            throw new IllegalArgumentException("sequence length " + seq + " exceeds the position embedding's"
                    + " maxLength " + maxLength);
        }
    }
}
