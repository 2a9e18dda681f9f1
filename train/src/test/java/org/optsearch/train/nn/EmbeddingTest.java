package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.train.model.ParamsBuilder;

/** Token and position embeddings. */
class EmbeddingTest {

    @Test
    void repeatedTokensGatherTheirGradientsIntoOneRow() {
        SplittableRandom rnd = new SplittableRandom(17);
        int vocab = 5;
        int dim = 19;
        int[] tokens = {2, 0, 2, 2, 4, 0};
        ParamsBuilder params = new ParamsBuilder();
        Embedding embedding = new Embedding(params, "tok", vocab, dim);
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        float[] y = new float[tokens.length * dim];
        float[] dy = GradientCheck.uniform(rnd, y.length, 1.0);
        float[] grad = new float[params.size()];
        embedding.forward(w, tokens, tokens.length, y);
        embedding.backward(tokens, tokens.length, dy, grad);

        GradientCheck.Reference ref = v -> DoubleReference.embedding(v[0], 0, dim, tokens, tokens.length, 1, 1);
        GradientCheck.assertOutput("embedding", ref.forward(new double[][] {GradientCheck.toDouble(w)}), y,
                new Tolerance(0, 0));
        GradientCheck.check("embedding", ref, dy, Tolerance.GRADIENT, new Tensor("table", w, grad));
        for (int d = 0; d < dim; d++) {
            assertEquals(0f, grad[1 * dim + d], "token 1 never appears");
            assertEquals(0f, grad[3 * dim + d], "token 3 never appears");
        }
    }

    @Test
    void sequencesAreReadInPlaceFromRowsOfLengthPlusOneTokens() {
        // Two rows of a Batch.Tokens with length 3: four tokens each; the inputs are the first three.
        int[] tokens = {1, 2, 3, 9, 3, 3, 0, 9};
        ParamsBuilder params = new ParamsBuilder();
        Embedding embedding = new Embedding(params, "tok", 10, 2);
        float[] w = GradientCheck.parameters(params, new SplittableRandom(2), 1.0);
        float[] y = new float[6 * 2];
        embedding.forward(w, tokens, 2, 3, 4, y);
        float[] grad = new float[params.size()];
        float[] dy = GradientCheck.uniform(new SplittableRandom(3), 12, 1.0);
        embedding.backward(tokens, 2, 3, 4, dy, grad);

        GradientCheck.Reference ref = v -> DoubleReference.embedding(v[0], 0, 2, tokens, 2, 3, 4);
        GradientCheck.assertOutput("embedding", ref.forward(new double[][] {GradientCheck.toDouble(w)}), y,
                new Tolerance(0, 0));
        GradientCheck.check("embedding", ref, dy, Tolerance.GRADIENT, new Tensor("table", w, grad));
        assertEquals(0f, grad[9 * 2], "the target token 9 is not an input");
    }

    @Test
    void rejectsATokenOutsideTheVocabularyNamingItsIndex() {
        ParamsBuilder params = new ParamsBuilder();
        Embedding embedding = new Embedding(params, "tok", 4, 3);
        var e = assertThrows(IllegalArgumentException.class,
                () -> embedding.forward(new float[params.size()], new int[] {0, 1, 7}, 3, new float[9]));
        assertEquals("token at index 2 must be in [0, 4), got 7", e.getMessage());
    }

    @Test
    void positionEmbeddingGradientsMatchFiniteDifferencesAndPassDyThrough() {
        SplittableRandom rnd = new SplittableRandom(23);
        int batch = 3;
        int seq = 4;
        int dim = 18;
        ParamsBuilder params = new ParamsBuilder();
        PositionEmbedding positions = new PositionEmbedding(params, "pos", 6, dim); // longer than used
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        float[] x = GradientCheck.uniform(rnd, batch * seq * dim, 1.0);
        float[] dy = GradientCheck.uniform(rnd, x.length, 1.0);
        float[] y = new float[x.length];
        float[] grad = new float[params.size()];
        positions.forward(w, x, y, batch, seq);
        positions.backward(dy, grad, batch, seq);

        GradientCheck.Reference ref = v -> DoubleReference.addPositions(v[0], 0, v[1], batch, seq, dim);
        GradientCheck.assertOutput("positions", ref.forward(new double[][] {GradientCheck.toDouble(w),
                GradientCheck.toDouble(x)}), y, Tolerance.OUTPUT);
        float[] unusedRows = java.util.Arrays.copyOfRange(grad, seq * dim, 6 * dim);
        GradientCheck.check("positions", ref, dy, Tolerance.GRADIENT, new Tensor("table", w, grad),
                new Tensor("x", x, dy));
        assertEquals(0f, Kernels.sum(unusedRows, 0, unusedRows.length), "positions 4 and 5 are not used");

        float[] inPlace = x.clone();
        positions.forward(w, inPlace, inPlace, batch, seq);
        org.junit.jupiter.api.Assertions.assertArrayEquals(y, inPlace);
    }

    @Test
    void positionEmbeddingRejectsSequencesLongerThanItsTable() {
        ParamsBuilder params = new ParamsBuilder();
        PositionEmbedding positions = new PositionEmbedding(params, "pos", 4, 2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> positions.forward(new float[params.size()], new float[10], new float[10], 1, 5));
        assertEquals("sequence length 5 exceeds the position embedding's maxLength 4", e.getMessage());
    }
}
