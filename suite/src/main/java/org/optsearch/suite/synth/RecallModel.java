package org.optsearch.suite.synth;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.Model;
import org.optsearch.train.model.ParamsBuilder;
import org.optsearch.train.nn.CausalSelfAttention;
import org.optsearch.train.nn.Dense;
import org.optsearch.train.nn.Embedding;
import org.optsearch.train.nn.SoftmaxCrossEntropy;

/**
 * A one-layer attention model for multi-query associative recall (see {@link RecallData}): each of the
 * {@code pairs} key-value pairs is one position whose input is {@code key[k] + value[v]}, each of the
 * {@code queries} is one position with input {@code key[q] + value[NONE]}; then one non-causal attention
 * layer with a residual connection and a linear head over the values, read at the query positions only.
 * The loss is the mean cross-entropy of the queries' answers.
 */
public final class RecallModel implements Model {
    private final int pairs;
    private final int queries;
    private final int values;
    private final int dim;
    private final Embedding keys;
    private final Embedding valueTable;
    private final CausalSelfAttention attention;
    private final Dense head;
    private final ParamLayout layout;
    private int capacity;
    private int[] keyTokens = new int[0];
    private int[] valueTokens = new int[0];
    private int[] answers = new int[0];
    private float[] input = new float[0];
    private float[] scratch = new float[0];
    private float[] hidden = new float[0];
    private float[] queryHidden = new float[0];
    private float[] logits = new float[0];
    private float[] probabilities = new float[0];
    private float[] dLogits = new float[0];
    private float[] dQuery = new float[0];
    private float[] dHidden = new float[0];
    private float[] dInput = new float[0];

    public RecallModel(int keys, int values, int pairs, int queries, int dim, int heads) {
        this.pairs = pairs;
        this.queries = queries;
        this.values = values;
        this.dim = dim;
        ParamsBuilder params = new ParamsBuilder();
        this.keys = new Embedding(params, "keys", keys, dim);
        this.valueTable = new Embedding(params, "values", values + 1, dim);
        this.attention = new CausalSelfAttention(params, "attention", dim, heads, false);
        this.head = new Dense(params, "head", dim, values);
        this.layout = params.build();
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public void initialize(float[] w, SplittableRandom rnd) {
        keys.initialize(w, rnd);
        valueTable.initialize(w, rnd);
        attention.initialize(w, rnd);
        head.initialize(w, rnd);
    }

    private int seq() {
        return pairs + queries;
    }

    /** Runs the network on a batch; returns the summed cross-entropy of the answers. */
    private double forward(float[] w, Batch.Tokens b) {
        int batch = b.size();
        int seq = seq();
        ensure(batch);
        int stride = b.length() + 1;
        for (int r = 0; r < batch; r++) {
            int row = r * stride;
            for (int p = 0; p < pairs; p++) {
                keyTokens[r * seq + p] = b.tokens()[row + p];
                valueTokens[r * seq + p] = b.tokens()[row + pairs + p];
            }
            for (int q = 0; q < queries; q++) {
                keyTokens[r * seq + pairs + q] = b.tokens()[row + 2 * pairs + q];
                valueTokens[r * seq + pairs + q] = values;
                answers[r * queries + q] = b.tokens()[row + 2 * pairs + queries + q];
            }
        }
        int rows = batch * seq;
        keys.forward(w, keyTokens, rows, input);
        valueTable.forward(w, valueTokens, rows, scratch);
        for (int i = 0; i < rows * dim; i++) {
            input[i] += scratch[i];
        }
        attention.forward(w, input, hidden, batch, seq);
        for (int r = 0; r < batch; r++) {
            for (int q = 0; q < queries; q++) {
                int at = (r * seq + pairs + q) * dim;
                for (int j = 0; j < dim; j++) {
                    queryHidden[(r * queries + q) * dim + j] = input[at + j] + hidden[at + j];
                }
            }
        }
        head.forward(w, queryHidden, logits, batch * queries);
        return SoftmaxCrossEntropy.forward(logits, answers, batch * queries, values, probabilities);
    }

    @Override
    public double lossAndGradient(float[] w, Batch batch, float[] grad) {
        Batch.Tokens b = (Batch.Tokens) batch;
        int batchSize = b.size();
        int seq = seq();
        int predictions = batchSize * queries;
        double loss = forward(w, b);
        Arrays.fill(grad, 0f);
        SoftmaxCrossEntropy.backward(probabilities, answers, predictions, values, 1f / predictions, dLogits);
        head.backward(w, queryHidden, dLogits, grad, dQuery, predictions);
        int rows = batchSize * seq;
        Arrays.fill(dHidden, 0, rows * dim, 0f);
        for (int r = 0; r < batchSize; r++) {
            for (int q = 0; q < queries; q++) {
                System.arraycopy(dQuery, (r * queries + q) * dim, dHidden, (r * seq + pairs + q) * dim, dim);
            }
        }
        attention.backward(w, input, dHidden, grad, dInput, batchSize, seq);
        for (int i = 0; i < rows * dim; i++) {
            dInput[i] += dHidden[i];
        }
        keys.backward(keyTokens, rows, dInput, grad);
        valueTable.backward(valueTokens, rows, dInput, grad);
        return loss / predictions;
    }

    @Override
    public Evaluation evaluate(float[] w, Batch batch) {
        Batch.Tokens b = (Batch.Tokens) batch;
        int predictions = b.size() * queries;
        double loss = forward(w, b);
        return new Evaluation(loss, SoftmaxCrossEntropy.correct(logits, answers, predictions, values), predictions);
    }

    private void ensure(int batch) {
        if (batch <= capacity) {
            return;
        }
        capacity = batch;
        int rows = batch * seq();
        keyTokens = new int[rows];
        valueTokens = new int[rows];
        answers = new int[batch * queries];
        input = new float[rows * dim];
        scratch = new float[rows * dim];
        hidden = new float[rows * dim];
        dHidden = new float[rows * dim];
        dInput = new float[rows * dim];
        queryHidden = new float[batch * queries * dim];
        dQuery = new float[batch * queries * dim];
        logits = new float[batch * queries * values];
        probabilities = new float[batch * queries * values];
        dLogits = new float[batch * queries * values];
    }
}
