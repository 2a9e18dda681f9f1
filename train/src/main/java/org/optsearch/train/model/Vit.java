package org.optsearch.train.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;
import org.optsearch.train.nn.Dense;
import org.optsearch.train.nn.Kernels;
import org.optsearch.train.nn.PatchEmbedding;
import org.optsearch.train.nn.PositionEmbedding;
import org.optsearch.train.nn.SoftmaxCrossEntropy;

/**
 * A tiny vision transformer, the paper's proxy family: non-overlapping patches projected to {@code dim},
 * an optional learned class token, position embeddings, {@code depth} pre-norm blocks with full
 * (non-causal) attention, a final layer norm, then the class token's row or the mean over patches, and a
 * linear head with softmax cross-entropy.
 */
public final class Vit implements Model {
    /** How the sequence becomes one vector per image. */
    public enum Pooling { CLS, MEAN }

    private final int classes;
    private final int dim;
    private final int patches;
    private final int seq;
    private final Pooling pooling;
    private final PatchEmbedding embed;
    private final int clsToken;
    private final PositionEmbedding positions;
    private final TransformerStack body;
    private final Dense head;
    private final ParamLayout layout;
    private final Sequence s;
    private float[] patchOut = new float[0];
    private float[] pooled = new float[0];
    private float[] dPooled = new float[0];

    public Vit(int height, int width, int channels, int patch, int classes, int dim, int depth, int heads,
            int mlpRatio, Pooling pooling) {
        this.classes = classes;
        this.dim = dim;
        this.pooling = pooling;
        ParamsBuilder params = new ParamsBuilder();
        embed = new PatchEmbedding(params, "patches", height, width, channels, patch, dim);
        patches = embed.patches();
        seq = pooling == Pooling.CLS ? patches + 1 : patches;
        clsToken = pooling == Pooling.CLS ? params.add("cls_token", dim) : -1;
        positions = new PositionEmbedding(params, "positions", seq, dim);
        body = new TransformerStack(params, dim, depth, heads, mlpRatio, false);
        head = new Dense(params, "head", dim, classes);
        params.mark("patches.weight", ParamLayout.Role.EMBEDDING);
        params.mark("positions.weight", ParamLayout.Role.EMBEDDING);
        params.mark("head.weight", ParamLayout.Role.HEAD);
        layout = params.build();
        s = new Sequence(dim, classes);
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] w, SplittableRandom rnd) {
        embed.initialize(w, rnd);
        if (clsToken >= 0) {
            for (int i = 0; i < dim; i++) {
                w[clsToken + i] = (float) (0.02 * rnd.nextGaussian());
            }
        }
        positions.initialize(w, rnd);
        body.initialize(w, rnd);
        head.initialize(w, rnd);
    }

    @Override
    public double lossAndGradient(float[] w, Batch batch, float[] grad) {
        Batch.Features b = (Batch.Features) batch;
        int n = b.size();
        double loss = forward(w, b);
        Arrays.fill(grad, 0f);
        SoftmaxCrossEntropy.backward(s.probabilities, b.labels(), n, classes, 1f / n, s.dLogits);
        head.backward(w, pooled, s.dLogits, grad, dPooled, n);
        int rows = n * seq;
        Arrays.fill(s.dA, 0, rows * dim, 0f);
        for (int i = 0; i < n; i++) {
            if (pooling == Pooling.CLS) {
                System.arraycopy(dPooled, i * dim, s.dA, i * seq * dim, dim);
            } else {
                for (int t = 0; t < seq; t++) {
                    Kernels.axpy(1f / seq, dPooled, i * dim, s.dA, (i * seq + t) * dim, dim);
                }
            }
        }
        body.backward(w, s, grad, n, seq);
        positions.backward(s.dB, grad, n, seq);
        int first = pooling == Pooling.CLS ? 1 : 0;
        for (int i = 0; i < n; i++) {
            if (clsToken >= 0) {
                Kernels.add(s.dB, i * seq * dim, grad, clsToken, dim);
            }
            System.arraycopy(s.dB, (i * seq + first) * dim, patchOut, i * patches * dim, patches * dim);
        }
        embed.backward(w, b.x(), patchOut, grad, null, n);
        return loss / n;
    }

    @Override
    public Evaluation evaluate(float[] w, Batch batch) {
        Batch.Features b = (Batch.Features) batch;
        double loss = forward(w, b);
        return new Evaluation(loss, SoftmaxCrossEntropy.correct(s.logits, b.labels(), b.size(), classes), b.size());
    }

    private double forward(float[] w, Batch.Features b) {
        int n = b.size();
        int rows = n * seq;
        s.ensure(rows, body.depth(), n);
        if (patchOut.length < n * patches * dim) {
            patchOut = new float[n * patches * dim];
            pooled = new float[n * dim];
            dPooled = new float[n * dim];
        }
        embed.forward(w, b.x(), patchOut, n);
        float[] x = s.hidden[0];
        int first = pooling == Pooling.CLS ? 1 : 0;
        for (int i = 0; i < n; i++) {
            if (clsToken >= 0) {
                System.arraycopy(w, clsToken, x, i * seq * dim, dim);
            }
            System.arraycopy(patchOut, i * patches * dim, x, (i * seq + first) * dim, patches * dim);
        }
        positions.forward(w, x, x, n, seq);
        body.forward(w, s, n, seq);
        for (int i = 0; i < n; i++) {
            if (pooling == Pooling.CLS) {
                System.arraycopy(s.normed, i * seq * dim, pooled, i * dim, dim);
            } else {
                Arrays.fill(pooled, i * dim, (i + 1) * dim, 0f);
                for (int t = 0; t < seq; t++) {
                    Kernels.axpy(1f / seq, s.normed, (i * seq + t) * dim, pooled, i * dim, dim);
                }
            }
        }
        head.forward(w, pooled, s.logits, n);
        return SoftmaxCrossEntropy.forward(s.logits, b.labels(), n, classes, s.probabilities);
    }
}
