package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Softmax cross-entropy and squared error: values against double definitions, gradients against finite differences. */
class LossTest {

    @ParameterizedTest(name = "rows={0} classes={1}")
    @CsvSource({"5, 3", "4, 37", "1, 1", "3, 16"})
    void crossEntropyGradientIsTheScaledDifferenceOfProbabilitiesAndLabels(int rows, int classes) {
        SplittableRandom rnd = new SplittableRandom(rows * 100L + classes);
        float[] logits = GradientCheck.uniform(rnd, rows * classes, 3.0);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = rnd.nextInt(classes);
        }
        float[] probs = new float[rows * classes];
        double loss = SoftmaxCrossEntropy.forward(logits, labels, rows, classes, probs);
        float scale = 1f / rows;
        float[] dlogits = new float[rows * classes];
        SoftmaxCrossEntropy.backward(probs, labels, rows, classes, scale, dlogits);

        GradientCheck.Reference ref = v -> new double[] {DoubleReference.crossEntropySum(v[0], labels, rows, classes)};
        double expected = ref.forward(new double[][] {GradientCheck.toDouble(logits)})[0];
        assertEquals(expected, loss, 1e-5 * (1 + expected));
        for (int r = 0; r < rows; r++) {
            assertEquals(1.0, Kernels.sum(probs, r * classes, classes), 1e-5, "probabilities of row " + r);
        }
        if (classes > 1) {
            GradientCheck.check("cross-entropy", ref, new float[] {scale}, Tolerance.GRADIENT,
                    new Tensor("logits", logits, dlogits));
        }
    }

    @Test
    void crossEntropyIsStableForHugeLogitsAndInvariantToShifts() {
        float[] logits = {1000f, 999f, 990f, 0f, 1f, -10f};
        int[] labels = {1, 0};
        float[] probs = new float[6];
        double huge = SoftmaxCrossEntropy.forward(logits, labels, 2, 3, probs);
        float[] shifted = {0f, -1f, -10f, 0f, 1f, -10f};
        double small = SoftmaxCrossEntropy.forward(shifted, labels, 2, 3, new float[6]);
        assertTrue(Double.isFinite(huge));
        assertEquals(small, huge, 1e-5);
        // Row 0: -(999 - 1000) + log(1 + e^-1 + e^-10); row 1: -(0 - 1) + log(1 + e^-1 + e^-11).
        double expected = 2 + Math.log(1 + Math.exp(-1) + Math.exp(-10)) + Math.log(1 + Math.exp(-1) + Math.exp(-11));
        assertEquals(expected, huge, 1e-5);
    }

    @Test
    void crossEntropyMayWriteProbabilitiesOverTheLogits() {
        float[] logits = {0.5f, -1f, 2f, 0f};
        int[] labels = {1, 0};
        float[] probs = new float[4];
        double expected = SoftmaxCrossEntropy.forward(logits, labels, 2, 2, probs);
        double inPlace = SoftmaxCrossEntropy.forward(logits, labels, 2, 2, logits);
        assertEquals(expected, inPlace);
        assertEquals(probs[0], logits[0]);
    }

    @Test
    void correctCountsArgMaxHitsAndTiesGoToTheFirstClass() {
        float[] logits = {
            0f, 3f, 1f,   // arg-max 1
            2f, 2f, 0f,   // tie: 0
            0f, 0f, 5f,   // arg-max 2
        };
        assertEquals(3, SoftmaxCrossEntropy.correct(logits, new int[] {1, 0, 2}, 3, 3));
        assertEquals(1, SoftmaxCrossEntropy.correct(logits, new int[] {1, 1, 0}, 3, 3));
    }

    @Test
    void crossEntropyRejectsALabelOutsideTheClassesNamingTheRow() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.forward(new float[6], new int[] {0, 3}, 2, 3, new float[6]));
        assertEquals("label of row 1 must be in [0, 3), got 3", e.getMessage());
    }

    @ParameterizedTest(name = "n={0}")
    @CsvSource({"1", "7", "37"})
    void squaredErrorSumsAndItsGradientIsTwiceTheScaledResidual(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        float[] pred = GradientCheck.uniform(rnd, n, 2.0);
        float[] target = GradientCheck.uniform(rnd, n, 2.0);
        float scale = 1f / n;
        double sum = MeanSquaredError.forward(pred, target, n);
        float[] dpred = new float[n];
        MeanSquaredError.backward(pred, target, n, scale, dpred);

        GradientCheck.Reference ref = v -> new double[] {DoubleReference.squaredErrorSum(v[0], v[1])};
        double expected = ref.forward(new double[][] {GradientCheck.toDouble(pred), GradientCheck.toDouble(target)})[0];
        assertEquals(expected, sum, 1e-5 * (1 + expected));
        GradientCheck.check("squared error", ref, new float[] {scale}, Tolerance.GRADIENT,
                new Tensor("pred", pred, dpred), Tensor.fixed("target", target));
    }
}
