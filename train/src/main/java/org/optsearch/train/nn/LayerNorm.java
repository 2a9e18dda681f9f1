package org.optsearch.train.nn;

import static jdk.incubator.vector.VectorOperators.ADD;

import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.optsearch.train.model.ParamsBuilder;

/**
 * Layer normalization over the last dimension: each row of {@code dim} features is shifted to mean 0 and
 * scaled to variance 1 (biased variance, plus {@value #EPS}), then multiplied by a gain and shifted by a
 * bias per feature. Registers {@code name.gain} and {@code name.bias} ({@code dim} each). The forward pass
 * caches each row's mean and reciprocal standard deviation for the backward pass, in buffers that grow to
 * the largest {@code rows} seen (the only allocation); not thread-safe.
 */
public final class LayerNorm {
    public static final float EPS = 1e-5f;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private final int dim;
    private final int gain;
    private final int bias;
    private float[] mean = new float[0];
    private float[] rstd = new float[0];

    public LayerNorm(ParamsBuilder params, String name, int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("layer norm '" + name + "' needs a positive dim, got " + dim);
        }
        this.dim = dim;
        this.gain = params.add(name + ".gain", dim);
        this.bias = params.add(name + ".bias", dim);
    }

    public int dim() {
        return dim;
    }

    /** Gain 1, bias 0. */
    public void initialize(float[] w, SplittableRandom rnd) {
        Arrays.fill(w, gain, gain + dim, 1f);
        Arrays.fill(w, bias, bias + dim, 0f);
    }

    /**
     * {@code y[rows x dim] = (x - mean) / sqrt(var + eps) * gain + bias}, per row. {@code y} may be
     * {@code x}, but then no backward pass can follow (it needs {@code x}).
     */
    public void forward(float[] w, float[] x, float[] y, int rows) {
        if (mean.length < rows) {
            mean = new float[rows];
            rstd = new float[rows];
        }
        for (int r = 0, off = 0; r < rows; r++, off += dim) {
            float mu = Kernels.sum(x, off, dim) / dim;
            float var = squaredDeviation(x, off, mu) / dim;
            float rs = (float) (1 / Math.sqrt(var + EPS));
            mean[r] = mu;
            rstd[r] = rs;
            normalizeRow(w, x, off, y, mu, rs);
        }
    }

    private float squaredDeviation(float[] x, int off, float mu) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0;
        for (int bound = S.loopBound(dim); i < bound; i += S.length()) {
            FloatVector d = FloatVector.fromArray(S, x, off + i).sub(mu);
            acc = d.fma(d, acc);
        }
        float s = acc.reduceLanes(ADD);
        for (; i < dim; i++) {
            float d = x[off + i] - mu;
            s += d * d;
        }
        return s;
    }

    private void normalizeRow(float[] w, float[] x, int off, float[] y, float mu, float rs) {
        int i = 0;
        for (int bound = S.loopBound(dim); i < bound; i += S.length()) {
            FloatVector xhat = FloatVector.fromArray(S, x, off + i).sub(mu).mul(rs);
            xhat.fma(FloatVector.fromArray(S, w, gain + i), FloatVector.fromArray(S, w, bias + i)).intoArray(y, off + i);
        }
        for (; i < dim; i++) {
            y[off + i] = (x[off + i] - mu) * rs * w[gain + i] + w[bias + i];
        }
    }

    /**
     * Adds {@code sum_rows dy * xhat} to the gain gradient and {@code sum_rows dy} to the bias gradient;
     * writes {@code dx} ({@code rows x dim}) unless it is null. Uses the statistics cached by the last
     * {@link #forward} over the same {@code x}. {@code dx} may be {@code dy}.
     */
    public void backward(float[] w, float[] x, float[] dy, float[] grad, float[] dx, int rows) {
        if (mean.length < rows) {
            throw new IllegalStateException("layer norm backward over " + rows + " rows needs a forward pass over"
                    + " them first");
        }
        for (int r = 0, off = 0; r < rows; r++, off += dim) {
            float mu = mean[r];
            float rs = rstd[r];
            // dxhat = dy * gain; dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))
            FloatVector sumG = FloatVector.zero(S);
            FloatVector sumGX = FloatVector.zero(S);
            int i = 0;
            for (int bound = S.loopBound(dim); i < bound; i += S.length()) {
                FloatVector xhat = FloatVector.fromArray(S, x, off + i).sub(mu).mul(rs);
                FloatVector d = FloatVector.fromArray(S, dy, off + i);
                d.fma(xhat, FloatVector.fromArray(S, grad, gain + i)).intoArray(grad, gain + i);
                d.add(FloatVector.fromArray(S, grad, bias + i)).intoArray(grad, bias + i);
                FloatVector g = d.mul(FloatVector.fromArray(S, w, gain + i));
                sumG = sumG.add(g);
                sumGX = g.fma(xhat, sumGX);
            }
            float sg = sumG.reduceLanes(ADD);
            float sgx = sumGX.reduceLanes(ADD);
            for (; i < dim; i++) {
                float xhat = (x[off + i] - mu) * rs;
                float d = dy[off + i];
                grad[gain + i] += d * xhat;
                grad[bias + i] += d;
                float g = d * w[gain + i];
                sg += g;
                sgx += g * xhat;
            }
            if (dx != null) {
                inputGradientRow(w, x, dy, dx, off, mu, rs, sg / dim, sgx / dim);
            }
        }
    }

    private void inputGradientRow(float[] w, float[] x, float[] dy, float[] dx, int off, float mu, float rs,
            float meanG, float meanGX) {
        int i = 0;
        for (int bound = S.loopBound(dim); i < bound; i += S.length()) {
            FloatVector xhat = FloatVector.fromArray(S, x, off + i).sub(mu).mul(rs);
            FloatVector g = FloatVector.fromArray(S, dy, off + i).mul(FloatVector.fromArray(S, w, gain + i));
            g.sub(meanG).sub(xhat.mul(meanGX)).mul(rs).intoArray(dx, off + i);
        }
        for (; i < dim; i++) {
            float xhat = (x[off + i] - mu) * rs;
            float g = dy[off + i] * w[gain + i];
            dx[off + i] = rs * (g - meanG - xhat * meanGX);
        }
    }
}
