package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SAM and LookSAM on a quadratic whose gradient is known in closed form: {@code grad_i = a_i w_i}. */
class SamTest {
    static final double[] A = {1, 2, 3, 4, 0.5};

    static double quadratic(float[] w, float[] grad) {
        double loss = 0;
        for (int i = 0; i < w.length; i++) {
            loss += 0.5 * A[i] * w[i] * w[i];
            grad[i] = (float) (A[i] * w[i]);
        }
        return loss;
    }

    @Test
    void samTakesTheGradientAtTheAscentPointAndLeavesTheWeightsAlone() {
        float[] w = {1, -1, 0.5f, 2, -3};
        float[] before = w.clone();
        float[] grad = new float[5];
        Sam sam = Sam.sam(0.1);
        double loss = sam.gradient(w, SamTest::quadratic, grad);
        assertArrayEquals(before, w);
        assertEquals(quadratic(w, new float[5]), loss, 1e-12, "the loss is at w, not at the perturbed point");
        double norm = 0;
        for (int i = 0; i < 5; i++) {
            norm += Math.pow(A[i] * w[i], 2);
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < 5; i++) {
            double ascent = w[i] + 0.1 * A[i] * w[i] / norm;
            assertEquals(A[i] * ascent, grad[i], 1e-5, "element " + i);
        }
    }

    @Test
    void lookSamReusesTheOrthogonalPartBetweenFreshSteps() {
        Sam look = Sam.lookSam(0.1, 3);
        Sam plain = Sam.sam(0.1);
        float[] w = {1, -1, 0.5f, 2, -3};
        float[] lookGrad = new float[5];
        float[] samGrad = new float[5];
        look.gradient(w, SamTest::quadratic, lookGrad);
        plain.gradient(w, SamTest::quadratic, samGrad);
        assertArrayEquals(samGrad, lookGrad, "step 0 is a SAM step");

        float[] g = new float[5];
        quadratic(w, g);
        double dot = 0;
        double gg = 0;
        for (int i = 0; i < 5; i++) {
            dot += samGrad[i] * g[i];
            gg += g[i] * g[i];
        }
        double[] orth = new double[5];
        double on = 0;
        for (int i = 0; i < 5; i++) {
            orth[i] = samGrad[i] - dot / gg * g[i];
            on += orth[i] * orth[i];
        }
        on = Math.sqrt(on);

        float[] w2 = {0.5f, 1, -2, 1, 1};
        float[] g2 = new float[5];
        quadratic(w2, g2);
        double n2 = 0;
        for (float x : g2) {
            n2 += x * x;
        }
        n2 = Math.sqrt(n2);
        float[] reused = new float[5];
        int calls[] = {0};
        look.gradient(w2, (at, out) -> {
            calls[0]++;
            return quadratic(at, out);
        }, reused);
        assertEquals(1, calls[0], "a reuse step costs one gradient, not two");
        for (int i = 0; i < 5; i++) {
            assertEquals(g2[i] + 0.7 * n2 / on * orth[i], reused[i], 1e-5, "element " + i);
        }
        look.gradient(w2, SamTest::quadratic, reused);
        int[] third = {0};
        look.gradient(w2, (at, out) -> {
            third[0]++;
            return quadratic(at, out);
        }, reused);
        assertEquals(2, third[0], "step 3 is fresh again");
    }

    @Test
    void badSettingsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> Sam.sam(0));
        assertTrue(e.getMessage().contains("rho"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sam.lookSam(0.05, 0));
        assertTrue(e.getMessage().contains("period"), e.getMessage());
    }
}
