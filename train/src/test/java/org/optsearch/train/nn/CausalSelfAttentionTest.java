package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.train.model.ParamsBuilder;

/**
 * Attention against a double reference that loops over one query and one key at a time. Sequences longer
 * than the layer's block of 8 query rows, and head sizes on both sides of the vector width, are included.
 */
class CausalSelfAttentionTest {

    @ParameterizedTest(name = "batch={0} seq={1} dim={2} heads={3} causal={4}")
    @CsvSource({"2, 5, 8, 2, true", "2, 5, 8, 2, false", "1, 11, 12, 3, true", "1, 11, 12, 3, false",
            "2, 3, 4, 1, true", "1, 10, 16, 1, true"})
    void gradientsMatchFiniteDifferences(int batch, int seq, int dim, int heads, boolean causal) {
        SplittableRandom rnd = new SplittableRandom(batch * 1000L + seq * 100L + dim + (causal ? 1 : 0));
        ParamsBuilder params = new ParamsBuilder();
        CausalSelfAttention attention = new CausalSelfAttention(params, "attn", dim, heads, causal);
        float[] w = GradientCheck.parameters(params, rnd, 0.7);
        float[] x = GradientCheck.uniform(rnd, batch * seq * dim, 1.0);
        float[] dy = GradientCheck.uniform(rnd, x.length, 1.0);
        float[] y = new float[x.length];
        float[] grad = new float[params.size()];
        float[] dx = new float[x.length];
        attention.forward(w, x, y, batch, seq);
        attention.backward(w, x, dy, grad, dx, batch, seq);

        GradientCheck.Reference ref = v -> DoubleReference.attention(v[0], "attn",
                name -> GradientCheck.offset(params, name), v[1], batch, seq, dim, heads, causal);
        GradientCheck.assertOutput("attention", ref.forward(new double[][] {GradientCheck.toDouble(w),
                GradientCheck.toDouble(x)}), y, Tolerance.OUTPUT);
        GradientCheck.check("attention", ref, dy, Tolerance.GRADIENT, new Tensor("w", w, grad), new Tensor("x", x, dx));
    }

    @ParameterizedTest(name = "causal={0}")
    @CsvSource({"true", "false"})
    void forwardMatchesTheReferenceOnWideHeadsAndLongSequences(boolean causal) {
        int batch = 2;
        int seq = 37;
        int dim = 64;
        int heads = 2;
        SplittableRandom rnd = new SplittableRandom(99);
        ParamsBuilder params = new ParamsBuilder();
        CausalSelfAttention attention = new CausalSelfAttention(params, "attn", dim, heads, causal);
        float[] w = new float[params.size()];
        attention.initialize(w, rnd);
        float[] x = GradientCheck.uniform(rnd, batch * seq * dim, 2.0);
        float[] y = new float[x.length];
        attention.forward(w, x, y, batch, seq);
        double[] expected = DoubleReference.attention(GradientCheck.toDouble(w), "attn",
                name -> GradientCheck.offset(params, name), GradientCheck.toDouble(x), batch, seq, dim, heads, causal);
        GradientCheck.assertOutput("attention", expected, y, Tolerance.OUTPUT);
    }

    @Test
    void causalOutputIgnoresLaterPositionsAndNonCausalDoesNot() {
        int seq = 6;
        int dim = 8;
        for (boolean causal : new boolean[] {true, false}) {
            ParamsBuilder params = new ParamsBuilder();
            CausalSelfAttention attention = new CausalSelfAttention(params, "attn", dim, 2, causal);
            float[] w = new float[params.size()];
            attention.initialize(w, new SplittableRandom(4));
            float[] x = GradientCheck.uniform(new SplittableRandom(5), seq * dim, 1.0);
            float[] y = new float[x.length];
            attention.forward(w, x, y, 1, seq);
            float[] changed = x.clone();
            changed[(seq - 1) * dim] += 1f;
            float[] y2 = new float[x.length];
            attention.forward(w, changed, y2, 1, seq);
            float[] early = Arrays.copyOf(y, (seq - 1) * dim);
            float[] early2 = Arrays.copyOf(y2, (seq - 1) * dim);
            if (causal) {
                assertArrayEquals(early, early2);
            } else {
                assertNotEquals(Arrays.toString(early), Arrays.toString(early2));
            }
        }
    }

    @Test
    void reusedLayerGrowsItsBuffersForLongerSequences() {
        int dim = 12;
        ParamsBuilder params = new ParamsBuilder();
        CausalSelfAttention attention = new CausalSelfAttention(params, "attn", dim, 3);
        float[] w = GradientCheck.parameters(params, new SplittableRandom(8), 0.5);
        SplittableRandom rnd = new SplittableRandom(9);
        for (int[] shape : new int[][] {{1, 4}, {3, 13}, {2, 5}}) {
            int batch = shape[0];
            int seq = shape[1];
            float[] x = GradientCheck.uniform(rnd, batch * seq * dim, 1.0);
            float[] y = new float[x.length];
            attention.forward(w, x, y, batch, seq);
            double[] expected = DoubleReference.attention(GradientCheck.toDouble(w), "attn",
                    name -> GradientCheck.offset(params, name), GradientCheck.toDouble(x), batch, seq, dim, 3, true);
            GradientCheck.assertOutput("batch " + batch + " seq " + seq, expected, y, Tolerance.OUTPUT);
        }
    }

    @Test
    void registersTheFusedQkvAndOutputProjections() {
        ParamsBuilder params = new ParamsBuilder();
        new CausalSelfAttention(params, "block0.attn", 8, 2);
        assertEquals(0, GradientCheck.offset(params, "block0.attn.qkv.weight"));
        assertEquals(8 * 24, GradientCheck.offset(params, "block0.attn.qkv.bias"));
        assertEquals(8 * 24 + 24, GradientCheck.offset(params, "block0.attn.proj.weight"));
        assertEquals(8 * 24 + 24 + 64 + 8, params.size());
    }

    @Test
    void rejectsADimThatTheHeadsDoNotDivide() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CausalSelfAttention(new ParamsBuilder(), "attn", 10, 3));
        assertEquals("attention 'attn' needs dim divisible by heads, both positive, got dim=10, heads=3",
                e.getMessage());
    }
}
