package org.optsearch.train.nn;

/**
 * Softmax followed by the negative log-likelihood of the labels, over {@code rows} rows of
 * {@code classes} logits (row-major), one label per row.
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /**
     * Fills {@code probs} ({@code rows x classes}) with the softmax of each row, computed stably (shifted by
     * the row maximum), and returns the sum over rows of {@code -log p(label)}. {@code probs} may be
     * {@code logits}.
     */
    public static double forward(float[] logits, int[] labels, int rows, int classes, float[] probs) {
        // Shift each row by its maximum, exponentiate the whole block at once (short rows would leave most
        // of the exponentials to the scalar tail), then normalize each row.
        double loss = 0;
        for (int r = 0, off = 0; r < rows; r++, off += classes) {
            float max = Kernels.max(logits, off, classes);
            loss += max - logits[off + label(labels, r, classes)];
            Kernels.addScalar(logits, off, -max, probs, off, classes);
        }
        Kernels.exp(probs, 0, rows * classes);
        for (int r = 0, off = 0; r < rows; r++, off += classes) {
            float sum = Kernels.sum(probs, off, classes);
            loss += Math.log(sum);
            Kernels.scale(1 / sum, probs, off, classes);
        }
        return loss;
    }

    /**
     * {@code dlogits = scale * (probs - onehot(labels))}, the gradient of {@code scale} times the summed
     * loss; pass {@code scale = 1 / rows} for the mean. {@code dlogits} may be {@code probs}.
     */
    public static void backward(float[] probs, int[] labels, int rows, int classes, float scale, float[] dlogits) {
        int n = rows * classes;
        if (dlogits != probs) {
            System.arraycopy(probs, 0, dlogits, 0, n);
        }
        Kernels.scale(scale, dlogits, 0, n);
        for (int r = 0; r < rows; r++) {
            dlogits[r * classes + label(labels, r, classes)] -= scale;
        }
    }

    /** How many rows have their largest logit at the label (the first of equal largest ones counts). */
    public static long correct(float[] logits, int[] labels, int rows, int classes) {
        long right = 0;
        for (int r = 0, off = 0; r < rows; r++, off += classes) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[off + c] > logits[off + best]) {
                    best = c;
                }
            }
            if (best == label(labels, r, classes)) {
                right++;
            }
        }
        return right;
    }

    private static int label(int[] labels, int row, int classes) {
        int label = labels[row];
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label of row " + row + " must be in [0, " + classes + "), got "
                    + label);
        }
        return label;
    }
}
