package org.optsearch.train.run;

import org.optsearch.train.data.Dataset;
import org.optsearch.train.data.FeatureDataset;
import org.optsearch.train.data.TokenDataset;

/**
 * Makes fitness comparable across tasks: {@code normalized = (fitness - chance) / (reference - chance)},
 * so 0 is what a trivial predictor scores and 1 is what the reference program (e.g. AdamW) scores on the
 * same task; scores of different tasks can then be averaged.
 *
 * <p>Chance: for classification, the accuracy of always predicting the most common validation class;
 * for regression, minus the MSE of predicting the training mean (0 on standardized targets); for a
 * language model, minus the bits per character of a uniform guess over the alphabet.
 */
public final class Scoring {
    private Scoring() {
    }

    /** The fitness of a trivial predictor on the task's validation data. */
    public static double chance(Task task) {
        Dataset validation = task.validation();
        switch (task.objective()) {
            case CLASSIFICATION -> {
                FeatureDataset d = (FeatureDataset) validation;
                int[] counts = new int[d.numClasses()];
                for (int label : d.labels()) {
                    counts[label]++;
                }
                int most = 0;
                for (int c : counts) {
                    most = Math.max(most, c);
                }
                return (double) most / d.size();
            }
            case REGRESSION -> {
                float[] t = ((FeatureDataset) validation).targets();
                double sum = 0;
                for (float v : t) {
                    sum += (double) v * v;
                }
                return -sum / t.length;
            }
            default -> {
                return -Math.log(((TokenDataset) validation).vocabSize()) / Math.log(2);
            }
        }
    }

    /** 1 for the reference's fitness, 0 for chance; NaN when the reference is no better than chance. */
    public static double normalized(double fitness, double reference, double chance) {
        if (!(reference > chance)) {
            return Double.NaN;
        }
        if (fitness == TrainResult.FAILED) {
            return 0;
        }
        return (fitness - chance) / (reference - chance);
    }
}
