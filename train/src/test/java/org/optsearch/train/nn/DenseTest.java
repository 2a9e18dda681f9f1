package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.train.model.ParamsBuilder;

/**
 * The dense layer against naive triple loops on sizes that straddle the vector width, so every kernel path
 * and tail runs (wide outputs; four to fifteen outputs, padded to a vector; one to three outputs, as dot
 * products; narrow inputs), and against finite differences.
 */
class DenseTest {

    @ParameterizedTest(name = "rows={0} in={1} out={2}")
    @CsvSource({"7, 13, 5", "1, 1, 1", "64, 64, 10", "3, 40, 7", "4, 3, 37", "5, 33, 40", "9, 17, 33",
            "2, 100, 1", "6, 16, 16", "130, 20, 70"})
    void matchesNaiveLoopsOnOddSizes(int rows, int in, int out) {
        SplittableRandom rnd = new SplittableRandom(rows * 1000L + in * 10L + out);
        ParamsBuilder params = new ParamsBuilder();
        Dense dense = new Dense(params, "fc", in, out);
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        float[] x = GradientCheck.uniform(rnd, rows * in, 1.0);
        float[] dy = GradientCheck.uniform(rnd, rows * out, 1.0);
        float[] y = new float[rows * out];
        float[] grad = GradientCheck.uniform(rnd, params.size(), 1.0); // backward must add to what is there
        float[] before = grad.clone();
        float[] dx = new float[rows * in];
        java.util.Arrays.fill(dx, Float.NaN); // and overwrite dx entirely

        dense.forward(w, x, y, rows);
        dense.backward(w, x, dy, grad, dx, rows);

        Tolerance tol = new Tolerance(1e-5, 1e-5 * Math.sqrt(Math.max(in, Math.max(out, rows))));
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = w[dense.biasOffset() + o];
                for (int i = 0; i < in; i++) {
                    s += (double) x[r * in + i] * w[dense.weightOffset() + i * out + o];
                }
                assertClose(s, y[r * out + o], tol, "y", r * out + o);
            }
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int o = 0; o < out; o++) {
                    s += (double) dy[r * out + o] * w[dense.weightOffset() + i * out + o];
                }
                assertClose(s, dx[r * in + i], tol, "dx", r * in + i);
            }
        }
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                int g = dense.weightOffset() + i * out + o;
                double s = before[g];
                for (int r = 0; r < rows; r++) {
                    s += (double) x[r * in + i] * dy[r * out + o];
                }
                assertClose(s, grad[g], tol, "grad(W)", i * out + o);
            }
        }
        for (int o = 0; o < out; o++) {
            int g = dense.biasOffset() + o;
            double s = before[g];
            for (int r = 0; r < rows; r++) {
                s += dy[r * out + o];
            }
            assertClose(s, grad[g], tol, "grad(b)", o);
        }
    }

    @ParameterizedTest(name = "rows={0} in={1} out={2}")
    @CsvSource({"3, 5, 4", "2, 20, 3", "2, 18, 6", "3, 4, 19", "2, 17, 18"})
    void gradientsMatchFiniteDifferences(int rows, int in, int out) {
        SplittableRandom rnd = new SplittableRandom(42);
        ParamsBuilder params = new ParamsBuilder();
        Dense dense = new Dense(params, "fc", in, out);
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        float[] x = GradientCheck.uniform(rnd, rows * in, 1.0);
        float[] dy = GradientCheck.uniform(rnd, rows * out, 1.0);
        float[] y = new float[rows * out];
        float[] grad = new float[params.size()];
        float[] dx = new float[rows * in];
        dense.forward(w, x, y, rows);
        dense.backward(w, x, dy, grad, dx, rows);

        int weight = GradientCheck.offset(params, "fc.weight");
        int bias = GradientCheck.offset(params, "fc.bias");
        GradientCheck.Reference ref = v -> DoubleReference.dense(v[0], weight, bias, v[1], 0, rows, in, out);
        GradientCheck.assertOutput("dense", ref.forward(new double[][] {GradientCheck.toDouble(w),
                GradientCheck.toDouble(x)}), y, Tolerance.OUTPUT);
        GradientCheck.check("dense", ref, dy, Tolerance.GRADIENT, new Tensor("w", w, grad), new Tensor("x", x, dx));
    }

    @Test
    void reusedLayerServesLargerBatchesThanBefore() {
        SplittableRandom rnd = new SplittableRandom(12);
        ParamsBuilder params = new ParamsBuilder();
        Dense dense = new Dense(params, "fc", 40, 10); // ten outputs: the padded path, whose buffer grows
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        int weight = dense.weightOffset();
        int bias = dense.biasOffset();
        for (int rows : new int[] {2, 70, 5}) {
            float[] x = GradientCheck.uniform(rnd, rows * 40, 1.0);
            float[] y = new float[rows * 10];
            dense.forward(w, x, y, rows);
            GradientCheck.assertOutput("rows " + rows, DoubleReference.dense(GradientCheck.toDouble(w), weight, bias,
                    GradientCheck.toDouble(x), 0, rows, 40, 10), y, Tolerance.OUTPUT);
        }
    }

    @Test
    void backwardAccumulatesAndSkipsTheInputGradientWhenDxIsNull() {
        SplittableRandom rnd = new SplittableRandom(7);
        ParamsBuilder params = new ParamsBuilder();
        Dense dense = new Dense(params, "fc", 20, 3);
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        float[] x = GradientCheck.uniform(rnd, 4 * 20, 1.0);
        float[] dy = GradientCheck.uniform(rnd, 4 * 3, 1.0);
        float[] once = new float[params.size()];
        dense.backward(w, x, dy, once, null, 4);
        float[] twice = new float[params.size()];
        dense.backward(w, x, dy, twice, null, 4);
        dense.backward(w, x, dy, twice, null, 4);
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], 1e-5f * (1 + Math.abs(once[i])), "grad[" + i + "]");
        }
    }

    @Test
    void initializesGlorotUniformWeightsAndZeroBiasFromTheSeed() {
        ParamsBuilder params = new ParamsBuilder();
        Dense dense = new Dense(params, "fc", 30, 10);
        float[] w = new float[params.size()];
        java.util.Arrays.fill(w, 9f);
        dense.initialize(w, new SplittableRandom(1));
        float bound = (float) Math.sqrt(6.0 / 40);
        double sumSquares = 0;
        for (int i = 0; i < 300; i++) {
            assertTrue(Math.abs(w[dense.weightOffset() + i]) <= bound, "weight " + i + " = " + w[i]);
            sumSquares += w[dense.weightOffset() + i] * w[dense.weightOffset() + i];
        }
        // Variance of U(-a, a) is a^2 / 3 = 2 / (in + out) = 0.05.
        assertEquals(0.05, sumSquares / 300, 0.01);
        for (int o = 0; o < 10; o++) {
            assertEquals(0f, w[dense.biasOffset() + o]);
        }
        float[] again = new float[params.size()];
        dense.initialize(again, new SplittableRandom(1));
        assertArrayEquals(w, again);
    }

    @Test
    void registersWeightThenBiasUnderItsName() {
        ParamsBuilder params = new ParamsBuilder();
        new Dense(params, "head", 4, 3);
        assertEquals(0, GradientCheck.offset(params, "head.weight"));
        assertEquals(12, GradientCheck.offset(params, "head.bias"));
        assertEquals(15, params.size());
    }

    @Test
    void rejectsNonPositiveSizesNamingTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Dense(new ParamsBuilder(), "fc1", 0, 3));
        assertTrue(e.getMessage().contains("fc1") && e.getMessage().contains("in=0"), e.getMessage());
    }

    private static void assertClose(double expected, float actual, Tolerance tol, String what, int index) {
        assertTrue(tol.accepts(expected, actual), () -> what + "[" + index + "] = " + actual + ", expected " + expected);
    }
}
