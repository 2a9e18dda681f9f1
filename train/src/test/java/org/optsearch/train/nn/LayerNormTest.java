package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.train.model.ParamsBuilder;

class LayerNormTest {

    @ParameterizedTest(name = "rows={0} dim={1}")
    @CsvSource({"3, 7", "2, 40", "4, 16", "1, 2"})
    void gradientsOfGainBiasAndInputMatchFiniteDifferences(int rows, int dim) {
        SplittableRandom rnd = new SplittableRandom(rows * 100L + dim);
        ParamsBuilder params = new ParamsBuilder();
        LayerNorm norm = new LayerNorm(params, "ln", dim);
        float[] w = GradientCheck.parameters(params, rnd, 1.5); // gain and bias far from 1 and 0
        float[] x = GradientCheck.uniform(rnd, rows * dim, 2.0);
        for (int i = 0; i < x.length; i++) {
            x[i] += 0.5f; // a mean to remove
        }
        float[] dy = GradientCheck.uniform(rnd, rows * dim, 1.0);
        float[] y = new float[rows * dim];
        float[] grad = new float[params.size()];
        float[] dx = new float[rows * dim];
        norm.forward(w, x, y, rows);
        norm.backward(w, x, dy, grad, dx, rows);

        int gain = GradientCheck.offset(params, "ln.gain");
        int bias = GradientCheck.offset(params, "ln.bias");
        GradientCheck.Reference ref = v -> DoubleReference.layerNorm(v[0], gain, bias, v[1], rows, dim);
        GradientCheck.assertOutput("layer norm", ref.forward(new double[][] {GradientCheck.toDouble(w),
                GradientCheck.toDouble(x)}), y, Tolerance.OUTPUT);
        GradientCheck.check("layer norm", ref, dy, Tolerance.GRADIENT, new Tensor("w", w, grad), new Tensor("x", x, dx));
    }

    @Test
    void inputGradientMayOverwriteTheUpstreamGradient() {
        SplittableRandom rnd = new SplittableRandom(3);
        ParamsBuilder params = new ParamsBuilder();
        LayerNorm norm = new LayerNorm(params, "ln", 21);
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        float[] x = GradientCheck.uniform(rnd, 63, 1.0);
        float[] dy = GradientCheck.uniform(rnd, 63, 1.0);
        norm.forward(w, x, new float[63], 3);
        float[] dx = new float[63];
        norm.backward(w, x, dy, new float[params.size()], dx, 3);
        norm.backward(w, x, dy, new float[params.size()], dy, 3);
        assertArrayEquals(dx, dy);
    }

    @Test
    void constantRowBecomesTheBiasWithoutNaN() {
        ParamsBuilder params = new ParamsBuilder();
        LayerNorm norm = new LayerNorm(params, "ln", 5);
        float[] w = new float[params.size()];
        norm.initialize(w, new SplittableRandom(0));
        java.util.Arrays.fill(w, 5, 10, 0.25f); // bias
        float[] x = {3f, 3f, 3f, 3f, 3f};
        float[] y = new float[5];
        norm.forward(w, x, y, 1);
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f, 0.25f}, y);
        float[] dx = new float[5];
        norm.backward(w, x, new float[] {1f, -1f, 2f, 0f, 1f}, new float[params.size()], dx, 1);
        for (float d : dx) {
            assertTrue(Float.isFinite(d));
        }
    }

    @Test
    void initializesToTheIdentityNormalization() {
        ParamsBuilder params = new ParamsBuilder();
        LayerNorm norm = new LayerNorm(params, "ln", 4);
        float[] w = new float[params.size()];
        norm.initialize(w, new SplittableRandom(0));
        float[] y = new float[4];
        norm.forward(w, new float[] {1f, 2f, 3f, 4f}, y, 1);
        double s = 1 / Math.sqrt(1.25 + LayerNorm.EPS);
        assertArrayEquals(new float[] {(float) (-1.5 * s), (float) (-0.5 * s), (float) (0.5 * s), (float) (1.5 * s)}, y,
                1e-6f);
        assertEquals(8, params.size());
    }
}
