package org.optsearch.train.model;

/** The activation buffers of a transformer model over {@code rows = batch * seq} rows; grown on demand. */
final class Sequence {
    private final int dim;
    private final int classes;
    int capacity;
    /** {@code hidden[i]} is the input of block i; {@code hidden[depth]} the last block's output. */
    float[][] hidden = new float[0][];
    float[] normed = new float[0];
    float[] logits = new float[0];
    float[] probabilities = new float[0];
    float[] dLogits = new float[0];
    float[] dA = new float[0];
    float[] dB = new float[0];
    int[] labels = new int[0];

    Sequence(int dim, int classes) {
        this.dim = dim;
        this.classes = classes;
    }

    /**
     * @param rows       rows of the sequence activations
     * @param depth      number of blocks
     * @param outputRows rows of logits (rows for a language model, the batch for a classifier)
     */
    void ensure(int rows, int depth, int outputRows) {
        if (rows <= capacity && labels.length >= outputRows) {
            return;
        }
        capacity = Math.max(rows, capacity);
        hidden = new float[depth + 1][capacity * dim];
        normed = new float[capacity * dim];
        dA = new float[capacity * dim];
        dB = new float[capacity * dim];
        logits = new float[outputRows * classes];
        probabilities = new float[outputRows * classes];
        dLogits = new float[outputRows * classes];
        labels = new int[outputRows];
    }

    void ensure(int rows, int depth) {
        ensure(rows, depth, rows);
    }
}
