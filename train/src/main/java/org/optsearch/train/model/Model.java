package org.optsearch.train.model;

import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;

/**
 * A network with hand-written forward and backward passes over one flat parameter buffer. Not
 * thread-safe: a model owns its activation buffers; make one per training.
 */
public interface Model {

    /** The parameter tensors, in the flat buffer the optimizer updates. */
    ParamLayout layout();

    /** Writes initial parameters into {@code w}. */
    void initialize(float[] w, SplittableRandom rnd);

    /** Mean loss over the batch; {@code grad} is overwritten with the gradient of that mean. */
    double lossAndGradient(float[] w, Batch batch, float[] grad);

    /** Loss summed over the batch's predictions, and how many were right (classifiers; 0 otherwise). */
    Evaluation evaluate(float[] w, Batch batch);

    /**
     * @param lossSum     sum of the per-prediction losses
     * @param correct     predictions whose arg-max was the label (0 for regression)
     * @param predictions how many predictions: examples, or tokens for a language model
     */
    record Evaluation(double lossSum, long correct, long predictions) {
        public Evaluation plus(Evaluation o) {
            return new Evaluation(lossSum + o.lossSum, correct + o.correct, predictions + o.predictions);
        }
    }
}
