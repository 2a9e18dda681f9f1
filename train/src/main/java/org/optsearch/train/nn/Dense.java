package org.optsearch.train.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optsearch.train.model.ParamsBuilder;

/**
 * A fully connected layer, {@code y = x . W + b}, on rows of features: {@code x} is {@code rows x in},
 * {@code y} is {@code rows x out}, both row-major. Registers {@code name.weight} ({@code in x out},
 * row-major, so row {@code i} holds the weights out of input {@code i}) and {@code name.bias}
 * ({@code out}). Holds scratch matrices (for transposes, and for padding fewer outputs than a vector to a
 * full one), so it is not thread-safe; its passes allocate nothing beyond growing the padded output buffer
 * to the largest {@code rows} seen.
 */
public final class Dense {
    private final int in;
    private final int out;
    private final int weight;
    private final int bias;
    /** {@code out x in}: the transposed weights, or the transposed weight gradient before it is added. */
    private final float[] transposed;
    /** For fewer outputs than a vector: W padded to {@code in x LANES}, and the padded output rows. */
    private final float[] paddedWeights;
    private float[] paddedOutput = new float[0];

    public Dense(ParamsBuilder params, String name, int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("dense layer '" + name + "' needs positive sizes, got in=" + in
                    + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = params.add(name + ".weight", in, out);
        this.bias = params.add(name + ".bias", out);
        this.transposed = new float[in * out];
        this.paddedWeights = out < Matmul.LANES && in >= Matmul.LANES && 4 * out >= Matmul.LANES
                ? new float[in * Matmul.LANES] : null;
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    /** Offset of {@code name.weight} ({@code in x out}) in the flat buffer. */
    public int weightOffset() {
        return weight;
    }

    /** Offset of {@code name.bias} ({@code out}) in the flat buffer. */
    public int biasOffset() {
        return bias;
    }

    /** Glorot (Xavier) uniform weights, {@code U(-a, a)} with {@code a = sqrt(6 / (in + out))}; zero bias. */
    public void initialize(float[] w, SplittableRandom rnd) {
        double a = Math.sqrt(6.0 / (in + out));
        for (int i = 0; i < in * out; i++) {
            w[weight + i] = (float) ((2 * rnd.nextDouble() - 1) * a);
        }
        Arrays.fill(w, bias, bias + out, 0f);
    }

    /** {@code y[rows x out] = x[rows x in] . W + b}; {@code y} must not overlap {@code x}. */
    public void forward(float[] w, float[] x, float[] y, int rows) {
        if (out >= Matmul.LANES || in < Matmul.LANES) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(w, bias, y, r * out, out);
            }
            Matmul.gemm(rows, out, in, x, 0, in, 1, w, weight, out, y, 0, out);
        } else if (4 * out >= Matmul.LANES) {
            paddedForward(w, x, y, rows);
        } else {
            // One to three outputs: dot products along the inputs, against W^T.
            for (int r = 0; r < rows; r++) {
                System.arraycopy(w, bias, y, r * out, out);
            }
            Matmul.transpose(in, out, 1f, w, weight, out, transposed, 0, in);
            Matmul.gemmNT(rows, out, in, x, 0, in, transposed, 0, in, y, 0, out);
        }
    }

    /**
     * Fewer outputs than a vector (ten classes): computes a full vector of outputs per row, against W with
     * its rows padded by zeros to {@link Matmul#LANES}, and keeps the first {@code out}.
     */
    private void paddedForward(float[] w, float[] x, float[] y, int rows) {
        int lanes = Matmul.LANES;
        if (paddedOutput.length < rows * lanes) {
            paddedOutput = new float[rows * lanes];
        }
        for (int i = 0; i < in; i++) {
            System.arraycopy(w, weight + i * out, paddedWeights, i * lanes, out);
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(w, bias, paddedOutput, r * lanes, out);
        }
        Matmul.gemm(rows, lanes, in, x, 0, in, 1, paddedWeights, 0, lanes, paddedOutput, 0, lanes);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(paddedOutput, r * lanes, y, r * out, out);
        }
    }

    /**
     * Adds {@code x^T . dy} to the weight gradient and the column sums of {@code dy} to the bias gradient;
     * writes {@code dx[rows x in] = dy . W^T} unless {@code dx} is null. {@code x} is the input of the
     * forward pass, {@code dy} ({@code rows x out}) the gradient of the output; {@code dx} must overlap
     * neither.
     */
    public void backward(float[] w, float[] x, float[] dy, float[] grad, float[] dx, int rows) {
        for (int r = 0; r < rows; r++) {
            Kernels.add(dy, r * out, grad, bias, out);
        }
        if (dx != null) {
            Arrays.fill(dx, 0, rows * in, 0f);
            if (in < Matmul.LANES && out >= Matmul.LANES) {
                Matmul.gemmNT(rows, in, out, dy, 0, out, w, weight, out, dx, 0, in);
            } else {
                Matmul.transpose(in, out, 1f, w, weight, out, transposed, 0, in);
                Matmul.gemm(rows, in, out, dy, 0, out, 1, transposed, 0, in, dx, 0, in);
            }
        }
        if (out < Matmul.LANES && in >= Matmul.LANES) {
            // grad(W)^T = dy^T . x is wide along the inputs; build it aside, then add it transposed.
            Arrays.fill(transposed, 0f);
            Matmul.gemm(out, in, rows, dy, 0, 1, out, x, 0, in, transposed, 0, in);
            for (int o = 0; o < out; o++) {
                for (int i = 0, g = weight + o; i < in; i++, g += out) {
                    grad[g] += transposed[o * in + i];
                }
            }
        } else {
            Matmul.gemm(in, out, rows, x, 0, 1, in, dy, 0, out, grad, weight, out);
        }
    }
}
