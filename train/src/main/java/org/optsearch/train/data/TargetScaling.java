package org.optsearch.train.data;

/**
 * Regression targets standardized {@code (y - mean) / std} with training statistics, kept so that
 * predictions and errors can be reported in the original units.
 */
public record TargetScaling(double mean, double std) {

    /** Mean and population standard deviation of {@code targets} (std 0 is taken as 1). */
    public static TargetScaling of(float[] targets) {
        double sum = 0;
        for (float t : targets) {
            sum += t;
        }
        double mean = targets.length == 0 ? 0 : sum / targets.length;
        double squares = 0;
        for (float t : targets) {
            squares += (t - mean) * (t - mean);
        }
        return new TargetScaling(mean, Standardization.safeStd(targets.length == 0 ? 0 : Math.sqrt(squares / targets.length)));
    }

    /** A standardized copy of {@code targets}. */
    public float[] apply(float[] targets) {
        float[] out = new float[targets.length];
        for (int i = 0; i < targets.length; i++) {
            out[i] = (float) ((targets[i] - mean) / std);
        }
        return out;
    }

    /** A standardized value back in original units. */
    public double toOriginal(double standardized) {
        return standardized * std + mean;
    }

    /** A mean squared error on standardized targets, in squared original units. */
    public double mseToOriginal(double mse) {
        return mse * std * std;
    }
}
