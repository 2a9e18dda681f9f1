package org.optsearch.suite;

import org.optsearch.train.run.Objective;
import org.optsearch.train.run.TrainResult;

/**
 * The validation metric a workload's target is set on, read from one point of the validation curve,
 * and which way is better.
 */
public enum Metric {
    /** Fraction of validation predictions whose arg-max is right; higher is better. */
    ACCURACY("validation accuracy", true),
    /**
     * Mean validation cross-entropy in nats; lower is better. For classification with few validation
     * examples, where accuracy moves in steps of one example and a target would be set on noise.
     */
    CROSS_ENTROPY("validation cross-entropy", false),
    /** Mean squared error on standardized validation targets; lower is better. */
    MSE("validation MSE", false),
    /** Mean next-character cross-entropy in bits; lower is better. */
    BITS_PER_CHARACTER("validation bits per character", false);

    private final String label;
    private final boolean higherIsBetter;

    Metric(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The metric a task's objective is judged by. */
    public static Metric of(Objective objective) {
        return switch (objective) {
            case CLASSIFICATION -> ACCURACY;
            case REGRESSION -> MSE;
            case LANGUAGE -> BITS_PER_CHARACTER;
        };
    }

    /** This metric at one validation point; NaN when the point has none (a non-finite loss). */
    public double value(TrainResult.Point point) {
        return switch (this) {
            case ACCURACY -> point.valAccuracy();
            case MSE, CROSS_ENTROPY -> point.valLoss();
            case BITS_PER_CHARACTER -> point.valLoss() / Math.log(2);
        };
    }

    /** Whether {@code value} reaches {@code target} (ties reach it); NaN never does. */
    public boolean reaches(double value, double target) {
        if (Double.isNaN(value)) {
            return false;
        }
        return higherIsBetter ? value >= target : value <= target;
    }

    /** The better of two values; a NaN loses. */
    public double better(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        if (Double.isNaN(b)) {
            return a;
        }
        return higherIsBetter ? Math.max(a, b) : Math.min(a, b);
    }

    /** The worst possible value, the start of a search for the best. */
    public double worst() {
        return higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
}
