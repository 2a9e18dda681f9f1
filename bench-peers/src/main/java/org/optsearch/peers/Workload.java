package org.optsearch.peers;

import java.util.SplittableRandom;

/**
 * The networks every implementation trains, one training step each. Shapes follow the train module's models;
 * the data is random from a fixed seed (the same batch every step: data loading is not timed).
 */
public enum Workload {
    /** MLP 64-64-10, ReLU, softmax cross-entropy, batch 64: the size of digits-mlp:S. */
    MLP_SMALL("mlp-64-64-10", Kind.MLP, 64, 64, 10, 64),
    /** MLP 784-256-10, ReLU, softmax cross-entropy, batch 128: MNIST-shaped. */
    MLP_MNIST("mlp-784-256-10", Kind.MLP, 784, 256, 10, 128),
    /**
     * The character transformer of austen-charlm:S (BuiltinTasks): vocab 81, context 64, dim 32, depth 1,
     * heads 2, MLP ratio 2, pre-norm blocks, GELU, batch 32.
     */
    CHARLM_S("charlm-S", Kind.CHAR_TRANSFORMER, 81, 32, 81, 32);

    /** The architecture family. */
    public enum Kind { MLP, CHAR_TRANSFORMER }

    /** Context length, depth, heads and MLP ratio of the char transformer (austen-charlm:S). */
    public static final int CONTEXT = 64;
    public static final int DEPTH = 1;
    public static final int HEADS = 2;
    public static final int MLP_RATIO = 2;

    private final String label;
    private final Kind kind;
    private final int inputs;
    private final int width;
    private final int classes;
    private final int batch;

    /**
     * @param inputs  features per example (MLP) or the vocabulary (transformer)
     * @param width   hidden width (MLP) or model dimension (transformer)
     * @param classes classes (MLP) or the vocabulary (transformer)
     */
    Workload(String label, Kind kind, int inputs, int width, int classes, int batch) {
        this.label = label;
        this.kind = kind;
        this.inputs = inputs;
        this.width = width;
        this.classes = classes;
        this.batch = batch;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public int inputs() {
        return inputs;
    }

    public int width() {
        return width;
    }

    public int classes() {
        return classes;
    }

    public int batch() {
        return batch;
    }

    /** The workload called {@code label} ({@code mlp-64-64-10}, ...). */
    public static Workload byLabel(String label) {
        for (Workload w : values()) {
            if (w.label.equals(label)) {
                return w;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Workload w : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(w.label);
        }
        throw new IllegalArgumentException("unknown workload '" + label + "'; known: " + known);
    }

    /**
     * One random batch. MLP: {@code x} is {@code batch x inputs} from N(0, 1), {@code labels} uniform over
     * the classes. Transformer: {@code tokens} is {@code batch} rows of {@code CONTEXT + 1} uniform tokens
     * (a model reads tokens 0..63 of a row and predicts tokens 1..64).
     */
    public Data data(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        if (kind == Kind.MLP) {
            float[] x = new float[batch * inputs];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rnd.nextGaussian();
            }
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = rnd.nextInt(classes);
            }
            return new Data(x, labels, null);
        }
        int[] tokens = new int[batch * (CONTEXT + 1)];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = rnd.nextInt(classes);
        }
        return new Data(null, null, tokens);
    }

    /** A batch: {@code x} and {@code labels} for an MLP, {@code tokens} for the transformer; the rest null. */
    public record Data(float[] x, int[] labels, int[] tokens) {
    }
}
