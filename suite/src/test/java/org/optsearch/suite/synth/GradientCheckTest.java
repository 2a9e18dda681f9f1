package org.optsearch.suite.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.train.data.Dataset;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.Model;

/** The synthetic workloads' hand-written backward passes against central finite differences. */
class GradientCheckTest {

    @Test
    void attentionRegressorGradientMatchesFiniteDifferences() {
        SyntheticData.Pair data = SyntheticData.attentionTeacher(16, 4, 4, 8, 2, 2.0, 0.1, 5);
        check(new AttentionRegressor(4, 8, 2), data.train());
    }

    @Test
    void normalizedAttentionRegressorGradientMatchesFiniteDifferences() {
        SyntheticData.Pair data = SyntheticData.attentionTeacher(16, 4, 4, 8, 2, 2.0, 0.1, 5);
        check(new AttentionRegressor(4, 8, 2, true), data.train());
    }

    @Test
    void recallModelGradientMatchesFiniteDifferences() {
        check(new RecallModel(6, 5, 4, 2, 8, 2), RecallData.generate(8, 6, 5, 4, 2, 9));
    }

    @Test
    void recallExamplesAskForValuesOfKeysInTheirOwnPairs() {
        Batch.Tokens b = (Batch.Tokens) RecallData.generate(50, 10, 7, 5, 3, 1).batch(range(50), 0, 50);
        int row = b.length() + 1;
        assertEquals(16, row);
        for (int e = 0; e < 50; e++) {
            for (int q = 0; q < 3; q++) {
                int key = b.tokens()[e * row + 10 + q];
                int answer = b.tokens()[e * row + 13 + q];
                boolean found = false;
                for (int p = 0; p < 5; p++) {
                    found |= b.tokens()[e * row + p] == key && b.tokens()[e * row + 5 + p] == answer;
                }
                assertTrue(found, "example " + e + " query " + q);
            }
        }
    }

    @Test
    void leastSquaresHasTheAskedNoiseFloorAndScale() {
        SyntheticData.Pair d = SyntheticData.leastSquares(20000, 10, 8, 100, 0.1, 3);
        double sum = 0;
        for (float y : d.train().targets()) {
            sum += y * y;
        }
        assertEquals(1.0, sum / 20000, 0.05);
    }

    private static void check(Model model, Dataset data) {
        float[] w = new float[model.layout().size()];
        model.initialize(w, new SplittableRandom(1));
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < w.length; i++) {
            w[i] += (float) (0.1 * r.nextGaussian());
        }
        Batch batch = data.batch(range(data.size()), 0, data.size());
        float[] grad = new float[w.length];
        model.lossAndGradient(w, batch, grad);
        float[] scratch = new float[w.length];
        int checked = 0;
        for (int i = 0; i < w.length; i += Math.max(1, w.length / 60)) {
            float saved = w[i];
            double h = 1e-2;
            w[i] = (float) (saved + h);
            double up = model.lossAndGradient(w, batch, scratch);
            w[i] = (float) (saved - h);
            double down = model.lossAndGradient(w, batch, scratch);
            w[i] = saved;
            double numeric = (up - down) / (2 * h);
            assertEquals(numeric, grad[i], 2e-3 + 0.03 * Math.abs(numeric), "parameter " + i);
            checked++;
        }
        assertTrue(checked >= 30);
    }

    private static int[] range(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
