package org.optsearch.train.task;

import java.util.List;
import java.util.Locale;

/**
 * How big a task's model will be, worked out from its shape in {@code long} arithmetic before
 * anything is allocated, so that a task file asking for {@code hidden: [65536, 65536, 65536]} is
 * refused with a message rather than an integer overflow or an out-of-memory error.
 *
 * @param parameters  trained floats
 * @param largest     floats in the largest single array the training makes (the flat parameter
 *                    buffer, a layer's weights, or an activation buffer)
 * @param activations floats of activation buffers for the largest batch the model sees (training
 *                    batches and the evaluation batches of {@code EVAL_ROWS} examples)
 */
record ModelSize(long parameters, long largest, long activations) {

    /** Most floats a Java array can hold (the JVM's limit, a little under 2^31). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Examples per evaluation batch (the trainer's); activation buffers are sized for at least this. */
    static final int EVAL_ROWS = 256;

    /**
     * Bytes the training needs at least: weights, gradient and the dense layers' transposed copies
     * (three floats per parameter), and the activations; the optimizer's state comes on top.
     */
    long bytes() {
        return mul(4, add(mul(3, parameters), activations));
    }

    /** An MLP: {@code inputs -> hidden... -> outputs}, each dense layer with a bias. */
    static ModelSize mlp(long inputs, List<Integer> hidden, long outputs, long batch) {
        Sizes s = new Sizes();
        long rows = Math.max(batch, EVAL_ROWS);
        long in = inputs;
        long widest = inputs;
        for (int h : hidden) {
            s.dense(in, h);
            s.activations(2, mul(rows, h));
            widest = Math.max(widest, h);
            in = h;
        }
        s.dense(in, outputs);
        widest = Math.max(widest, outputs);
        s.activations(2, mul(rows, outputs));
        s.activations(2, mul(rows, widest));
        return s.size();
    }

    /** A vision transformer on {@code height x width} single-channel images. */
    static ModelSize vit(long height, long width, long patch, long classes, long dim, long depth, long heads,
            long mlpRatio, boolean clsToken, long batch) {
        long patches = mul(height / patch, width / patch);
        long seq = add(patches, clsToken ? 1 : 0);
        long patchDim = mul(patch, patch);
        Sizes s = new Sizes();
        s.dense(patchDim, dim);
        if (clsToken) {
            s.parameters(dim);
        }
        s.parameters(mul(seq, dim));
        long n = Math.max(batch, EVAL_ROWS);
        s.activations(1, mul(n, patches, dim));
        s.activations(2, mul(n, patches, patchDim));
        s.activations(2, mul(n, dim));
        transformer(s, dim, depth, heads, mlpRatio, n, seq, classes, n);
        return s.size();
    }

    /** A character language model over {@code vocab} characters. */
    static ModelSize charLm(long vocab, long context, long dim, long depth, long heads, long mlpRatio, long batch) {
        Sizes s = new Sizes();
        s.parameters(mul(vocab, dim));
        s.parameters(mul(context, dim));
        long n = Math.max(batch, EVAL_ROWS);
        transformer(s, dim, depth, heads, mlpRatio, n, context, vocab, mul(n, context));
        return s.size();
    }

    /** Blocks, final norm and head; their activations for {@code n} sequences of {@code seq}. */
    private static void transformer(Sizes s, long dim, long depth, long heads, long mlpRatio, long n, long seq,
            long outputs, long outputRows) {
        long hidden = mul(dim, mlpRatio);
        long rows = mul(n, seq);
        for (long b = 0; b < depth; b++) {
            s.parameters(2 * dim);
            s.dense(dim, mul(3, dim));
            s.dense(dim, dim);
            s.parameters(2 * dim);
            s.dense(dim, hidden);
            s.dense(hidden, dim);
        }
        s.parameters(2 * dim);
        s.dense(dim, outputs);
        s.activations(depth + 4, mul(rows, dim));
        s.activations(3, mul(outputRows, outputs));
        s.activations(mul(depth, 6), mul(rows, dim));
        s.activations(mul(depth, 3), mul(rows, hidden));
        s.activations(mul(depth, 2), mul(rows, 3, dim));
        s.activations(mul(depth, 2), mul(rows, dim));
        s.activations(depth, mul(n, heads, seq, seq));
    }

    /** {@code 1,234,567} */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 12.5 GiB} */
    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** Sums in saturating long arithmetic: sizes past 2^63 stay at Long.MAX_VALUE, which every limit refuses. */
    private static final class Sizes {
        private long parameters;
        private long largest;
        private long activations;

        void dense(long in, long out) {
            parameters(mul(in, out));
            parameters(out);
        }

        void parameters(long n) {
            parameters = add(parameters, n);
            largest = Math.max(largest, Math.max(n, parameters));
        }

        void activations(long arrays, long floats) {
            activations = add(activations, mul(arrays, floats));
            largest = Math.max(largest, floats);
        }

        ModelSize size() {
            return new ModelSize(parameters, largest, activations);
        }

    }

    /** {@code a + b} for sizes (>= 0), saturating at Long.MAX_VALUE. */
    static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    /** {@code a * b * ...} for sizes (>= 0), saturating at Long.MAX_VALUE. */
    static long mul(long a, long... more) {
        long r = a;
        for (long b : more) {
            r = r != 0 && b > Long.MAX_VALUE / r ? Long.MAX_VALUE : r * b;
        }
        return r;
    }
}
