package org.optsearch.train.nn;

import java.util.SplittableRandom;
import org.optsearch.train.model.ParamsBuilder;

/**
 * The input layer of a vision transformer: cuts each image into non-overlapping {@code patch x patch} tiles
 * and projects each flattened tile to {@code dim} features with a {@link Dense} layer registered as
 * {@code name} ({@code name.weight}, {@code name.bias}).
 *
 * <p>An image is {@code imageHeight * imageWidth * channels} floats, row-major with the channels last (one
 * channel: plain row-major pixels); a batch of images lies back to back. Patches are numbered row-major over
 * the grid of tiles, and a tile is flattened row-major as {@code (py, px, c)}. The output is
 * {@code (batch, patches, dim)}, rows {@code b * patches + patch}. Holds a buffer of gathered tiles that
 * grows to the largest batch seen (the only allocation); not thread-safe.
 */
public final class PatchEmbedding {
    private final int height;
    private final int width;
    private final int channels;
    private final int patch;
    private final int gridWidth;
    private final int patches;
    private final int patchDim;
    private final Dense projection;
    private float[] tiles = new float[0];
    private float[] dTiles = new float[0];

    public PatchEmbedding(ParamsBuilder params, String name, int imageHeight, int imageWidth, int channels,
            int patch, int dim) {
        if (imageHeight <= 0 || imageWidth <= 0 || channels <= 0 || patch <= 0 || dim <= 0) {
            throw new IllegalArgumentException("patch embedding '" + name + "' needs positive sizes, got "
                    + imageHeight + "x" + imageWidth + "x" + channels + ", patch " + patch + ", dim " + dim);
        }
        if (imageHeight % patch != 0 || imageWidth % patch != 0) {
            throw new IllegalArgumentException("patch embedding '" + name + "': patch size " + patch
                    + " must divide the image size " + imageHeight + "x" + imageWidth);
        }
        this.height = imageHeight;
        this.width = imageWidth;
        this.channels = channels;
        this.patch = patch;
        this.gridWidth = imageWidth / patch;
        this.patches = (imageHeight / patch) * gridWidth;
        this.patchDim = patch * patch * channels;
        this.projection = new Dense(params, name, patchDim, dim);
    }

    /** Tiles per image. */
    public int patches() {
        return patches;
    }

    /** Floats per flattened tile: {@code patch * patch * channels}. */
    public int patchDim() {
        return patchDim;
    }

    public int dim() {
        return projection.out();
    }

    /** Floats per image: {@code imageHeight * imageWidth * channels}. */
    public int imageSize() {
        return height * width * channels;
    }

    /** The projection's Glorot uniform weights, zero bias. */
    public void initialize(float[] w, SplittableRandom rnd) {
        projection.initialize(w, rnd);
    }

    /** {@code y} ({@code batch * patches x dim}) = the projected tiles of {@code images}. */
    public void forward(float[] w, float[] images, float[] y, int batch) {
        int rows = batch * patches;
        gather(images, batch);
        projection.forward(w, tiles, y, rows);
    }

    /**
     * Adds the projection's gradients to {@code grad} and, unless {@code dImages} is null, writes the
     * gradient of the images (same shape as {@code images}). Gathers the tiles of {@code images} again, so it
     * does not depend on the last forward pass.
     */
    public void backward(float[] w, float[] images, float[] dy, float[] grad, float[] dImages, int batch) {
        int rows = batch * patches;
        gather(images, batch);
        if (dImages == null) {
            projection.backward(w, tiles, dy, grad, null, rows);
            return;
        }
        if (dTiles.length < rows * patchDim) {
            dTiles = new float[rows * patchDim];
        }
        projection.backward(w, tiles, dy, grad, dTiles, rows);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < patches; t++) {
                copyTile(dImages, b, t, false, dTiles);
            }
        }
    }

    private void gather(float[] images, int batch) {
        if (tiles.length < batch * patches * patchDim) {
            tiles = new float[batch * patches * patchDim];
        }
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < patches; t++) {
                copyTile(images, b, t, true, tiles);
            }
        }
    }

    /** Copies tile {@code t} of image {@code b} between the image batch and row {@code b * patches + t} of the tile matrix. */
    private void copyTile(float[] images, int b, int t, boolean toTiles, float[] matrix) {
        int run = patch * channels;
        int top = (t / gridWidth) * patch;
        int left = (t % gridWidth) * patch;
        int image = b * height * width * channels;
        int row = (b * patches + t) * patchDim;
        for (int py = 0; py < patch; py++) {
            int pixel = image + ((top + py) * width + left) * channels;
            if (toTiles) {
                System.arraycopy(images, pixel, matrix, row + py * run, run);
            } else {
                System.arraycopy(matrix, row + py * run, images, pixel, run);
            }
        }
    }
}
