package org.optsearch.train.nn;

import static jdk.incubator.vector.VectorOperators.ADD;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Squared error between {@code n} predictions and targets. */
public final class MeanSquaredError {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private MeanSquaredError() {
    }

    /** The sum of {@code (pred[i] - target[i])^2}; divide by {@code n} for the mean. */
    public static double forward(float[] pred, float[] target, int n) {
        double sum = 0;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, pred, i).sub(FloatVector.fromArray(S, target, i));
            sum += d.mul(d).reduceLanes(ADD);
        }
        for (; i < n; i++) {
            double d = pred[i] - target[i];
            sum += d * d;
        }
        return sum;
    }

    /**
     * {@code dpred = scale * 2 (pred - target)}, the gradient of {@code scale} times the summed error; pass
     * {@code scale = 1 / n} for the mean. {@code dpred} may be {@code pred}.
     */
    public static void backward(float[] pred, float[] target, int n, float scale, float[] dpred) {
        float twice = 2 * scale;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += S.length()) {
            FloatVector.fromArray(S, pred, i).sub(FloatVector.fromArray(S, target, i)).mul(twice).intoArray(dpred, i);
        }
        for (; i < n; i++) {
            dpred[i] = twice * (pred[i] - target[i]);
        }
    }
}
