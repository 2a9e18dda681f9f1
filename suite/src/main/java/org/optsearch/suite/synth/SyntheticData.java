package org.optsearch.suite.synth;

import java.util.SplittableRandom;
import org.optsearch.train.data.FeatureDataset;

/** Regression data sets made by code from a seed: no files. */
public final class SyntheticData {
    private SyntheticData() {
    }

    /** A training and a validation set drawn from the same source. */
    public record Pair(FeatureDataset train, FeatureDataset validation) {
    }

    /**
     * Ill-conditioned linear least squares: features {@code x_j ~ N(0, s_j^2)} with scales spaced
     * geometrically from 1 down to {@code 1/sqrt(condition)} (so the Hessian of the loss has condition number
     * {@code condition}), a random unit-norm teacher {@code w*} rescaled so that targets have variance about
     * 1, and Gaussian label noise of standard deviation {@code noise}. The best possible validation MSE is
     * about {@code noise^2}.
     */
    public static Pair leastSquares(int train, int validation, int width, double condition, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] scale = new double[width];
        double[] teacher = new double[width];
        double energy = 0;
        for (int j = 0; j < width; j++) {
            scale[j] = Math.pow(condition, -0.5 * j / Math.max(1, width - 1));
            teacher[j] = rnd.nextGaussian();
            energy += teacher[j] * teacher[j] * scale[j] * scale[j];
        }
        double norm = Math.sqrt((1 - noise * noise) / energy);
        for (int j = 0; j < width; j++) {
            teacher[j] *= norm;
        }
        return new Pair(linear(train, width, scale, teacher, noise, rnd.split()),
                linear(validation, width, scale, teacher, noise, rnd.split()));
    }

    private static FeatureDataset linear(int rows, int width, double[] scale, double[] teacher, double noise,
            SplittableRandom rnd) {
        float[] x = new float[rows * width];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int j = 0; j < width; j++) {
                double v = scale[j] * rnd.nextGaussian();
                x[r * width + j] = (float) v;
                sum += v * teacher[j];
            }
            y[r] = (float) (sum + noise * rnd.nextGaussian());
        }
        return FeatureDataset.regression(x, width, y);
    }

    /**
     * A random teacher: an {@link AttentionRegressor} whose weights are initialized from {@code seed} and
     * multiplied by {@code teacherScale}, applied to sequences of standard normal vectors. Targets are
     * standardized (mean 0, variance 1 over the training set) and get Gaussian noise of standard deviation
     * {@code noise}.
     */
    public static Pair attentionTeacher(int train, int validation, int seq, int dim, int heads, double teacherScale,
            double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        AttentionRegressor teacher = new AttentionRegressor(seq, dim, heads);
        float[] w = new float[teacher.layout().size()];
        teacher.initialize(w, rnd.split());
        for (int i = 0; i < w.length; i++) {
            w[i] *= (float) teacherScale;
        }
        float[][] xs = {gaussian(train * seq * dim, rnd.split()), gaussian(validation * seq * dim, rnd.split())};
        float[][] ys = {new float[train], new float[validation]};
        for (int s = 0; s < 2; s++) {
            teacher.predict(w, xs[s], ys[s].length, ys[s]);
        }
        double mean = 0;
        for (float v : ys[0]) {
            mean += v;
        }
        mean /= train;
        double var = 0;
        for (float v : ys[0]) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / train);
        SplittableRandom noiseRandom = rnd.split();
        for (float[] y : ys) {
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) ((y[i] - mean) / sd + noise * noiseRandom.nextGaussian());
            }
        }
        return new Pair(FeatureDataset.regression(xs[0], seq * dim, ys[0]),
                FeatureDataset.regression(xs[1], seq * dim, ys[1]));
    }

    private static float[] gaussian(int n, SplittableRandom rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
