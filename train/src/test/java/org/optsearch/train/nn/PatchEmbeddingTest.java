package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.optsearch.train.nn.GradientCheck.Tensor;
import static org.optsearch.train.nn.GradientCheck.Tolerance;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.train.model.ParamsBuilder;

class PatchEmbeddingTest {

    @ParameterizedTest(name = "{1}x{2}x{3} images, patch {4}, dim {5}")
    @CsvSource({"2, 4, 6, 1, 2, 5", "1, 4, 4, 3, 2, 7", "2, 6, 3, 2, 3, 4", "1, 4, 8, 1, 4, 17"})
    void gradientsOfProjectionAndImagesMatchFiniteDifferences(int batch, int height, int width, int channels,
            int patch, int dim) {
        SplittableRandom rnd = new SplittableRandom(height * 100L + width * 10L + channels);
        ParamsBuilder params = new ParamsBuilder();
        PatchEmbedding embedding = new PatchEmbedding(params, "patch", height, width, channels, patch, dim);
        float[] w = GradientCheck.parameters(params, rnd, 1.0);
        float[] images = GradientCheck.uniform(rnd, batch * embedding.imageSize(), 1.0);
        int rows = batch * embedding.patches();
        float[] dy = GradientCheck.uniform(rnd, rows * dim, 1.0);
        float[] y = new float[rows * dim];
        float[] grad = new float[params.size()];
        float[] dImages = new float[images.length];
        embedding.forward(w, images, y, batch);
        embedding.backward(w, images, dy, grad, dImages, batch);

        int weight = GradientCheck.offset(params, "patch.weight");
        int bias = GradientCheck.offset(params, "patch.bias");
        GradientCheck.Reference ref = v -> DoubleReference.patchEmbedding(v[0], weight, bias, v[1], batch, height,
                width, channels, patch, dim);
        GradientCheck.assertOutput("patches", ref.forward(new double[][] {GradientCheck.toDouble(w),
                GradientCheck.toDouble(images)}), y, Tolerance.OUTPUT);
        GradientCheck.check("patches", ref, dy, Tolerance.GRADIENT, new Tensor("w", w, grad),
                new Tensor("images", images, dImages));
    }

    @Test
    void tilesAreNumberedRowMajorAndFlattenedRowMajor() {
        // A 4x4 single-channel image whose pixel value is its index; patch 2, and a projection that copies
        // the flattened tile (identity weights) shows each tile's contents.
        ParamsBuilder params = new ParamsBuilder();
        PatchEmbedding embedding = new PatchEmbedding(params, "patch", 4, 4, 1, 2, 4);
        float[] w = new float[params.size()];
        for (int i = 0; i < 4; i++) {
            w[i * 4 + i] = 1f;
        }
        float[] image = new float[16];
        for (int i = 0; i < 16; i++) {
            image[i] = i;
        }
        float[] y = new float[16];
        embedding.forward(w, image, y, 1);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {
            0, 1, 4, 5,      // top-left tile
            2, 3, 6, 7,      // top-right
            8, 9, 12, 13,    // bottom-left
            10, 11, 14, 15,  // bottom-right
        }, y);
    }

    @Test
    void rejectsAPatchThatDoesNotDivideTheImage() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new PatchEmbedding(new ParamsBuilder(), "patch", 28, 28, 1, 5, 16));
        assertEquals("patch embedding 'patch': patch size 5 must divide the image size 28x28", e.getMessage());
    }

    @Test
    void mnistSizedImagesGiveSixteenPatchesOfFortyNine() {
        PatchEmbedding embedding = new PatchEmbedding(new ParamsBuilder(), "patch", 28, 28, 1, 7, 32);
        assertEquals(16, embedding.patches());
        assertEquals(49, embedding.patchDim());
        assertEquals(32, embedding.dim());
    }
}
