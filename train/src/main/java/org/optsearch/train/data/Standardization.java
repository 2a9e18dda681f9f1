package org.optsearch.train.data;

/**
 * Feature standardization {@code (x - mean) / std}, with statistics from training data only:
 * per column (tables; {@code mean.length == width}), or one scalar for all values (images;
 * {@code mean.length == 1}). A constant column (std 0) is only centred: its std is taken as 1.
 */
public record Standardization(float[] mean, float[] std) {

    /** Per-column mean and population standard deviation of {@code x} (row-major, {@code width} columns). */
    public static Standardization perColumn(float[] x, int width) {
        int rows = x.length / width;
        double[] sum = new double[width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                sum[c] += x[r * width + c];
            }
        }
        float[] mean = new float[width];
        double[] meanD = new double[width];
        for (int c = 0; c < width; c++) {
            meanD[c] = rows == 0 ? 0 : sum[c] / rows;
            mean[c] = (float) meanD[c];
        }
        double[] squares = new double[width];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                double d = x[r * width + c] - meanD[c];
                squares[c] += d * d;
            }
        }
        float[] std = new float[width];
        for (int c = 0; c < width; c++) {
            std[c] = safeStd(rows == 0 ? 0 : Math.sqrt(squares[c] / rows));
        }
        return new Standardization(mean, std);
    }

    /** One mean and population standard deviation over all values of {@code x}. */
    public static Standardization scalar(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        double mean = x.length == 0 ? 0 : sum / x.length;
        double squares = 0;
        for (float v : x) {
            squares += (v - mean) * (v - mean);
        }
        return new Standardization(new float[] {(float) mean},
                new float[] {safeStd(x.length == 0 ? 0 : Math.sqrt(squares / x.length))});
    }

    static float safeStd(double std) {
        return std > 1e-12 ? (float) std : 1f;
    }

    public boolean isScalar() {
        return mean.length == 1;
    }

    /** A standardized copy of {@code x} (row-major, {@code width} columns). */
    public float[] apply(float[] x, int width) {
        return applyInPlace(x.clone(), width);
    }

    /** Standardizes {@code x} (row-major, {@code width} columns) in place; returns it. */
    float[] applyInPlace(float[] x, int width) {
        if (!isScalar() && mean.length != width) {
            throw new IllegalArgumentException("statistics for " + mean.length + " columns, data has " + width);
        }
        for (int i = 0; i < x.length; i++) {
            int c = isScalar() ? 0 : i % width;
            x[i] = (x[i] - mean[c]) / std[c];
        }
        return x;
    }

    /** {@code d} with standardized features. */
    public FeatureDataset apply(FeatureDataset d) {
        return d.withFeatures(apply(d.features(), d.width()));
    }
}
