package org.optsearch.train.data;

import org.optsearch.train.model.Batch;

/**
 * Rows of float features with a class label each (classification) or a float target each
 * (regression). Holds the arrays it is given without copying; treat them as read-only.
 */
public final class FeatureDataset implements Dataset {

    private final int size;
    private final int width;
    private final float[] x;
    private final int[] labels;
    private final int numClasses;
    private final float[] targets;

    private FeatureDataset(int size, int width, float[] x, int[] labels, int numClasses, float[] targets) {
        this.size = size;
        this.width = width;
        this.x = x;
        this.labels = labels;
        this.numClasses = numClasses;
        this.targets = targets;
    }

    /** {@code labels.length} rows of {@code width} features ({@code x} row-major), labels in {@code 0..numClasses-1}. */
    public static FeatureDataset classification(float[] x, int width, int[] labels, int numClasses) {
        checkShape(x, width, labels.length);
        if (numClasses < 1) {
            throw new IllegalArgumentException("number of classes must be >= 1, got " + numClasses);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is out of range 0.."
                        + (numClasses - 1));
            }
        }
        return new FeatureDataset(labels.length, width, x, labels, numClasses, null);
    }

    /** {@code targets.length} rows of {@code width} features ({@code x} row-major), a float target each. */
    public static FeatureDataset regression(float[] x, int width, float[] targets) {
        checkShape(x, width, targets.length);
        return new FeatureDataset(targets.length, width, x, null, 0, targets);
    }

    private static void checkShape(float[] x, int width, int rows) {
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, got " + width);
        }
        if ((long) rows * width != x.length) {
            throw new IllegalArgumentException("features hold " + x.length + " values, expected " + rows + " rows x "
                    + width + " = " + (long) rows * width);
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** Features per row. */
    public int width() {
        return width;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** Number of classes; 0 for regression. */
    public int numClasses() {
        return numClasses;
    }

    /** The features, row-major, shared: do not modify. */
    public float[] features() {
        return x;
    }

    /** The labels (null for regression), shared: do not modify. */
    public int[] labels() {
        return labels;
    }

    /** The targets (null for classification), shared: do not modify. */
    public float[] targets() {
        return targets;
    }

    /** A new data set of the given rows, in that order (copied). */
    public FeatureDataset rows(int[] indices) {
        Batch.Features b = batch(indices, 0, indices.length);
        return new FeatureDataset(b.size(), width, b.x(), b.labels(), numClasses, b.targets());
    }

    /** The same rows with features {@code f} replaced: {@code f.length} must equal {@code features().length}. */
    public FeatureDataset withFeatures(float[] f) {
        checkShape(f, width, size);
        return new FeatureDataset(size, width, f, labels, numClasses, targets);
    }

    /** The same rows with new targets (regression only). */
    public FeatureDataset withTargets(float[] t) {
        if (targets == null || t.length != size) {
            throw new IllegalArgumentException(targets == null ? "a classification data set has no targets"
                    : "expected " + size + " targets, got " + t.length);
        }
        return new FeatureDataset(size, width, x, null, 0, t);
    }

    @Override
    public Batch.Features batch(int[] indices, int from, int count) {
        if (from < 0 || count < 0 || from + count > indices.length) {
            throw new IndexOutOfBoundsException("batch of " + count + " from " + from + " of " + indices.length + " indices");
        }
        float[] bx = new float[count * width];
        int[] bl = labels == null ? null : new int[count];
        float[] bt = targets == null ? null : new float[count];
        for (int j = 0; j < count; j++) {
            int i = indices[from + j];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("example " + i + " of a data set of " + size);
            }
            System.arraycopy(x, i * width, bx, j * width, width);
            if (bl != null) {
                bl[j] = labels[i];
            } else {
                bt[j] = targets[i];
            }
        }
        return new Batch.Features(count, width, bx, bl, bt);
    }
}
