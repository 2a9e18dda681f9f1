package org.optsearch.train.model;

import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;
import org.optsearch.train.nn.Dense;
import org.optsearch.train.nn.Embedding;
import org.optsearch.train.nn.PositionEmbedding;
import org.optsearch.train.nn.SoftmaxCrossEntropy;

/**
 * A character-level causal transformer language model: token and position embeddings, {@code depth}
 * pre-norm blocks with causal attention, a final layer norm and a linear head over the alphabet. The loss
 * is the mean next-character cross-entropy over every position of every sequence.
 */
public final class CharTransformer implements Model {
    private final int vocab;
    private final int dim;
    private final Embedding tokens;
    private final PositionEmbedding positions;
    private final TransformerStack body;
    private final Dense head;
    private final ParamLayout layout;
    private final Sequence buffers;

    /**
     * @param vocab   alphabet size
     * @param context the sequence length it reads (positions 0..context-1)
     */
    public CharTransformer(int vocab, int context, int dim, int depth, int heads, int mlpRatio) {
        this.vocab = vocab;
        this.dim = dim;
        ParamsBuilder params = new ParamsBuilder();
        tokens = new Embedding(params, "tokens", vocab, dim);
        positions = new PositionEmbedding(params, "positions", context, dim);
        body = new TransformerStack(params, dim, depth, heads, mlpRatio, true);
        head = new Dense(params, "head", dim, vocab);
        params.mark("tokens.weight", ParamLayout.Role.EMBEDDING);
        params.mark("positions.weight", ParamLayout.Role.EMBEDDING);
        params.mark("head.weight", ParamLayout.Role.HEAD);
        layout = params.build();
        buffers = new Sequence(dim, vocab);
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] w, SplittableRandom rnd) {
        tokens.initialize(w, rnd);
        positions.initialize(w, rnd);
        body.initialize(w, rnd);
        head.initialize(w, rnd);
    }

    @Override
    public double lossAndGradient(float[] w, Batch batch, float[] grad) {
        Batch.Tokens b = (Batch.Tokens) batch;
        int rows = b.size() * b.length();
        double loss = forward(w, b);
        java.util.Arrays.fill(grad, 0f);
        Sequence s = buffers;
        SoftmaxCrossEntropy.backward(s.probabilities, s.labels, rows, vocab, 1f / rows, s.dLogits);
        head.backward(w, s.normed, s.dLogits, grad, s.dA, rows);
        body.backward(w, s, grad, b.size(), b.length());
        positions.backward(s.dB, grad, b.size(), b.length());
        tokens.backward(b.tokens(), b.size(), b.length(), b.length() + 1, s.dB, grad);
        return loss / rows;
    }

    @Override
    public Evaluation evaluate(float[] w, Batch batch) {
        Batch.Tokens b = (Batch.Tokens) batch;
        int rows = b.size() * b.length();
        double loss = forward(w, b);
        return new Evaluation(loss, SoftmaxCrossEntropy.correct(buffers.logits, buffers.labels, rows, vocab), rows);
    }

    /** Runs the network; returns the summed cross-entropy of every next-character prediction. */
    private double forward(float[] w, Batch.Tokens b) {
        int batch = b.size();
        int seq = b.length();
        int rows = batch * seq;
        Sequence s = buffers;
        s.ensure(rows, body.depth());
        int stride = seq + 1;
        for (int r = 0; r < batch; r++) {
            System.arraycopy(b.tokens(), r * stride + 1, s.labels, r * seq, seq);
        }
        tokens.forward(w, b.tokens(), batch, seq, stride, s.hidden[0]);
        positions.forward(w, s.hidden[0], s.hidden[0], batch, seq);
        body.forward(w, s, batch, seq);
        head.forward(w, s.normed, s.logits, rows);
        return SoftmaxCrossEntropy.forward(s.logits, s.labels, rows, vocab, s.probabilities);
    }
}
