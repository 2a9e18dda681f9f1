package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each nonlinearity against its double definition, over 37 values so both the vector loop and the tail run. */
class ActivationTest {
    private static final int N = 37;

    @ParameterizedTest
    @EnumSource(Activation.class)
    void forwardMatchesTheDefinitionAndBackwardMatchesFiniteDifferences(Activation f) {
        SplittableRandom rnd = new SplittableRandom(f.ordinal() + 11);
        float[] x = GradientCheck.awayFromZero(rnd, N);
        for (int i = 0; i < N; i++) {
            x[i] *= 3; // reach into the saturating parts of tanh and GELU
        }
        float[] dy = GradientCheck.uniform(rnd, N, 1.0);
        float[] y = new float[N];
        float[] dx = new float[N];
        f.forward(x, y, N);
        f.backward(x, y, dy, dx, N);

        GradientCheck.Reference ref = v -> DoubleReference.activation(f, v[0]);
        GradientCheck.assertOutput(f.name(), ref.forward(new double[][] {GradientCheck.toDouble(x)}), y,
                Tolerance.OUTPUT);
        GradientCheck.check(f.name(), ref, dy, Tolerance.GRADIENT, new Tensor("x", x, dx));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void backwardMayOverwriteTheUpstreamGradientInPlace(Activation f) {
        SplittableRandom rnd = new SplittableRandom(5);
        float[] x = GradientCheck.uniform(rnd, N, 2.0);
        float[] y = new float[N];
        f.forward(x, y, N);
        float[] dy = GradientCheck.uniform(rnd, N, 1.0);
        float[] dx = new float[N];
        f.backward(x, y, dy, dx, N);
        f.backward(x, y, dy, dy, N);
        assertArrayEquals(dx, dy);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void largeInputsSaturateWithoutNaN(Activation f) {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (i % 2 == 0 ? 1 : -1) * (20f + 100 * i);
        }
        float[] y = new float[N];
        float[] dx = new float[N];
        float[] ones = new float[N];
        java.util.Arrays.fill(ones, 1f);
        f.forward(x, y, N);
        f.backward(x, y, ones, dx, N);
        for (int i = 0; i < N; i++) {
            assertTrue(Float.isFinite(y[i]) && Float.isFinite(dx[i]), f + " at " + x[i] + ": " + y[i] + ", " + dx[i]);
        }
    }

    @Test
    void geluIsTheTanhApproximationNotTheErfForm() {
        float[] x = {1f};
        float[] y = new float[1];
        Activation.GELU.forward(x, y, 1);
        // tanh form: 0.5 (1 + tanh(sqrt(2/pi) * 1.044715)) = 0.841192; the exact erf form gives 0.841345.
        assertEquals(0.841192, y[0], 1e-6);
    }

    @Test
    void reluPassesTheGradientOnlyWherePositive() {
        float[] x = {-1f, 0f, 2f};
        float[] y = new float[3];
        float[] dx = new float[3];
        Activation.RELU.forward(x, y, 3);
        Activation.RELU.backward(x, y, new float[] {5f, 5f, 5f}, dx, 3);
        assertArrayEquals(new float[] {0f, 0f, 2f}, y);
        assertArrayEquals(new float[] {0f, 0f, 5f}, dx);
    }
}
