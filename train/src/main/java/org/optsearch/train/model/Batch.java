package org.optsearch.train.model;

/** A mini-batch, in the form the model of its task consumes. */
public sealed interface Batch permits Batch.Features, Batch.Tokens {

    /** Number of examples. */
    int size();

    /**
     * Rows of {@code width} features ({@code x} is {@code size * width}, row-major) with a class label
     * per row ({@code labels}, for classification) or a target value per row ({@code targets}, for
     * regression); the other is null.
     */
    record Features(int size, int width, float[] x, int[] labels, float[] targets) implements Batch {
    }

    /**
     * Token sequences: {@code size} rows of {@code length + 1} tokens ({@code tokens} is row-major);
     * a language model predicts token {@code t + 1} of a row from its tokens {@code 0..t}.
     */
    record Tokens(int size, int length, int[] tokens) implements Batch {
    }
}
