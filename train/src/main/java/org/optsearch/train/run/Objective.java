package org.optsearch.train.run;

/** What a task's model predicts, which fixes its loss, its metric and its fitness. */
public enum Objective {
    /** Softmax cross-entropy; fitness is validation accuracy in [0, 1]. */
    CLASSIFICATION,
    /** Mean squared error on standardized targets; fitness is minus the validation MSE. */
    REGRESSION,
    /** Next-character cross-entropy; fitness is minus the validation bits per character. */
    LANGUAGE;

    /** Higher is better: the number the search maximizes. */
    public double fitness(double meanLoss, double accuracy) {
        return switch (this) {
            case CLASSIFICATION -> accuracy;
            case REGRESSION -> -meanLoss;
            case LANGUAGE -> -meanLoss / Math.log(2);
        };
    }
}
