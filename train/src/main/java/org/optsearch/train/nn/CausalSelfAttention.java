package org.optsearch.train.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optsearch.train.model.ParamsBuilder;

/**
 * Multi-head self-attention over a {@code (batch, seq, dim)} activation (row-major, rows {@code b * seq + t}),
 * causal by default (position {@code t} attends to positions {@code 0..t}); non-causal attention, as in a
 * vision transformer, is a constructor flag.
 *
 * <p>A fused projection {@code name.qkv} ({@link Dense} {@code dim -> 3 dim}) gives each row its queries
 * (columns {@code [0, dim)}), keys ({@code [dim, 2 dim)}) and values ({@code [2 dim, 3 dim)}); head
 * {@code h} uses columns {@code [h * headDim, (h + 1) * headDim)} of each, {@code headDim = dim / heads}.
 * Per sequence and head, {@code P = softmax(Q K^T / sqrt(headDim))} (masked above the diagonal when
 * causal) and the head's output is {@code P V}; the heads' outputs, side by side, go through the output
 * projection {@code name.proj} ({@link Dense} {@code dim -> dim}).
 *
 * <p>The forward pass caches the projections, the attention probabilities ({@code batch * heads * seq^2}
 * floats) and the heads' outputs; the backward pass uses them, so it must follow the forward pass over the
 * same input. Buffers grow to the largest batch and sequence seen (the only allocation); not thread-safe.
 */
public final class CausalSelfAttention {
    /** Query rows per block: a causal block needs keys only up to its last row. */
    private static final int BLOCK = 8;

    private final int dim;
    private final int heads;
    private final int headDim;
    private final boolean causal;
    private final float scale;
    private final Dense qkv;
    private final Dense proj;

    private float[] qkvOut = new float[0];
    private float[] attn = new float[0];
    private float[] probs = new float[0];
    private float[] dAttn = new float[0];
    private float[] dqkv = new float[0];
    private float[] dScores = new float[0];
    private float[] transposed = new float[0];

    /** Causal attention. */
    public CausalSelfAttention(ParamsBuilder params, String name, int dim, int heads) {
        this(params, name, dim, heads, true);
    }

    public CausalSelfAttention(ParamsBuilder params, String name, int dim, int heads, boolean causal) {
        if (dim <= 0 || heads <= 0 || dim % heads != 0) {
            throw new IllegalArgumentException("attention '" + name + "' needs dim divisible by heads, both"
                    + " positive, got dim=" + dim + ", heads=" + heads);
        }
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.causal = causal;
        this.scale = (float) (1 / Math.sqrt(headDim));
        this.qkv = new Dense(params, name + ".qkv", dim, 3 * dim);
        this.proj = new Dense(params, name + ".proj", dim, dim);
    }

    public int dim() {
        return dim;
    }

    public int heads() {
        return heads;
    }

    public boolean causal() {
        return causal;
    }

    /** Both projections Glorot uniform, biases zero (see {@link Dense#initialize}). */
    public void initialize(float[] w, SplittableRandom rnd) {
        qkv.initialize(w, rnd);
        proj.initialize(w, rnd);
    }

    /** {@code y} ({@code batch * seq x dim}) = attention of {@code x} (same shape); {@code y} must not be {@code x}. */
    public void forward(float[] w, float[] x, float[] y, int batch, int seq) {
        int rows = batch * seq;
        reserve(batch, seq);
        qkv.forward(w, x, qkvOut, rows);
        Arrays.fill(attn, 0, rows * dim, 0f);
        int ld = 3 * dim;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int q = b * seq * ld + h * headDim;
                int k = q + dim;
                int v = q + 2 * dim;
                int p = (b * heads + h) * seq * seq;
                int o = b * seq * dim + h * headDim;
                Matmul.transpose(seq, headDim, scale, qkvOut, k, ld, transposed, 0, seq);
                for (int i0 = 0; i0 < seq; i0 += BLOCK) {
                    int m = Math.min(BLOCK, seq - i0);
                    int keys = keys(i0, m, seq);
                    Arrays.fill(probs, p + i0 * seq, p + (i0 + m) * seq, 0f);
                    Matmul.gemm(m, keys, headDim, qkvOut, q + i0 * ld, ld, 1, transposed, 0, seq, probs,
                            p + i0 * seq, seq);
                    softmaxRows(p, i0, m, seq);
                    Matmul.gemm(m, headDim, keys, probs, p + i0 * seq, seq, 1, qkvOut, v, ld, attn,
                            o + i0 * dim, dim);
                }
            }
        }
        proj.forward(w, attn, y, rows);
    }

    /**
     * Adds the gradients of both projections to {@code grad} and writes {@code dx} (unless null), given the
     * gradient {@code dy} of the output; {@code x} is the input of the forward pass just run.
     */
    public void backward(float[] w, float[] x, float[] dy, float[] grad, float[] dx, int batch, int seq) {
        int rows = batch * seq;
        if (probs.length < batch * heads * seq * seq || qkvOut.length < rows * 3 * dim) {
            throw new IllegalStateException("attention backward over batch " + batch + " x seq " + seq
                    + " needs a forward pass over it first");
        }
        proj.backward(w, attn, dy, grad, dAttn, rows);
        Arrays.fill(dqkv, 0, rows * 3 * dim, 0f);
        int ld = 3 * dim;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int q = b * seq * ld + h * headDim;
                int k = q + dim;
                int v = q + 2 * dim;
                int p = (b * heads + h) * seq * seq;
                int o = b * seq * dim + h * headDim;
                headBackward(q, k, v, p, o, seq, ld);
            }
        }
        qkv.backward(w, x, dqkv, grad, dx, rows);
    }

    /** One head of one sequence: from dO (in dAttn at {@code o}) to dQ, dK, dV (in dqkv at q, k, v). */
    private void headBackward(int q, int k, int v, int p, int o, int seq, int ld) {
        // dP = dO V^T, then dS = scale * P * (dP - rowsum(P * dP)), kept in dScores.
        Matmul.transpose(seq, headDim, 1f, qkvOut, v, ld, transposed, 0, seq);
        Arrays.fill(dScores, 0, seq * seq, 0f);
        for (int i0 = 0; i0 < seq; i0 += BLOCK) {
            int m = Math.min(BLOCK, seq - i0);
            Matmul.gemm(m, keys(i0, m, seq), headDim, dAttn, o + i0 * dim, dim, 1, transposed, 0, seq, dScores,
                    i0 * seq, seq);
        }
        for (int i = 0; i < seq; i++) {
            int len = causal ? i + 1 : seq;
            int pr = p + i * seq;
            int sr = i * seq;
            float s = Kernels.dot(probs, pr, dScores, sr, len);
            for (int j = 0; j < len; j++) {
                dScores[sr + j] = scale * probs[pr + j] * (dScores[sr + j] - s);
            }
            Arrays.fill(dScores, sr + len, sr + seq, 0f);
        }
        for (int i0 = 0; i0 < seq; i0 += BLOCK) {
            int m = Math.min(BLOCK, seq - i0);
            int keys = keys(i0, m, seq);
            // dQ[i] += sum_j dS[i][j] K[j]
            Matmul.gemm(m, headDim, keys, dScores, i0 * seq, seq, 1, qkvOut, k, ld, dqkv, q + i0 * ld, ld);
            // Rows j0 .. j0 + m of dK and dV gather over the queries that see them: i >= j0 when causal.
            int j0 = i0;
            int first = causal ? j0 : 0;
            int queries = seq - first;
            Matmul.gemm(m, headDim, queries, dScores, first * seq + j0, 1, seq, qkvOut, q + first * ld, ld, dqkv,
                    k + j0 * ld, ld);
            Matmul.gemm(m, headDim, queries, probs, p + first * seq + j0, 1, seq, dAttn, o + first * dim, dim,
                    dqkv, v + j0 * ld, ld);
        }
    }

    /**
     * Turns the scores of query rows {@code [i0, i0 + m)} at {@code probs[p]} into probabilities, zero
     * beyond the keys each row sees. Masked entries become {@code -inf}, so one vector pass of exponentials
     * over the whole block zeroes them.
     */
    private void softmaxRows(int p, int i0, int m, int seq) {
        for (int i = i0; i < i0 + m; i++) {
            int len = causal ? i + 1 : seq;
            int row = p + i * seq;
            Kernels.addScalar(probs, row, -Kernels.max(probs, row, len), probs, row, len);
            Arrays.fill(probs, row + len, row + seq, Float.NEGATIVE_INFINITY);
        }
        Kernels.exp(probs, p + i0 * seq, m * seq);
        for (int i = i0; i < i0 + m; i++) {
            int len = causal ? i + 1 : seq;
            int row = p + i * seq;
            Kernels.scale(1 / Kernels.sum(probs, row, len), probs, row, len);
        }
    }

    /** Keys that query rows {@code [i0, i0 + m)} can see. */
    private int keys(int i0, int m, int seq) {
        return causal ? i0 + m : seq;
    }

    private void reserve(int batch, int seq) {
        int rows = batch * seq;
        if (qkvOut.length < rows * 3 * dim) {
            qkvOut = new float[rows * 3 * dim];
            dqkv = new float[rows * 3 * dim];
            attn = new float[rows * dim];
            dAttn = new float[rows * dim];
        }
        if (probs.length < batch * heads * seq * seq) {
            probs = new float[batch * heads * seq * seq];
        }
        if (dScores.length < seq * seq) {
            dScores = new float[seq * seq];
            transposed = new float[headDim * seq];
        }
    }
}
