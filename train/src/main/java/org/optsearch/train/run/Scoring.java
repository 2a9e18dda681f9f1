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
 *
 * <p>The search selects on validation <em>loss</em> instead ({@link #chanceLoss}, {@link #normalizedLoss}):
 * it is continuous and does not saturate, where accuracy moves in steps of one validation example and
 * tops out near 1 on easy tasks.
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

    /**
     * The validation loss of the best constant predictor, in the task's own loss units: for classification
     * the entropy of the validation labels (nats: cross-entropy of predicting their frequencies); for
     * regression the mean of the squared standardized targets (MSE of predicting 0, the training mean); for
     * a language model ln(alphabet size) (nats: a uniform guess).
     */
    public static double chanceLoss(Task task) {
        Dataset validation = task.validation();
        switch (task.objective()) {
            case CLASSIFICATION -> {
                FeatureDataset d = (FeatureDataset) validation;
                int[] counts = new int[d.numClasses()];
                for (int label : d.labels()) {
                    counts[label]++;
                }
                double entropy = 0;
                for (int c : counts) {
                    if (c > 0) {
                        double q = (double) c / d.size();
                        entropy -= q * Math.log(q);
                    }
                }
                return entropy;
            }
            case REGRESSION -> {
                return -chance(task);
            }
            default -> {
                return Math.log(((TokenDataset) validation).vocabSize());
            }
        }
    }

    /**
     * 1 for the reference's validation loss, 0 for chance's, above 1 for a lower loss than the reference;
     * 0 for a failed run (no loss); NaN when the reference is no better than chance.
     */
    public static double normalizedLoss(double loss, double referenceLoss, double chanceLoss) {
        if (!(referenceLoss < chanceLoss)) {
            return Double.NaN;
        }
        if (!Double.isFinite(loss)) {
            return 0;
        }
        return (chanceLoss - loss) / (chanceLoss - referenceLoss);
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
