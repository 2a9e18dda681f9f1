package org.optsearch.suite.synth;

import java.util.SplittableRandom;
import org.optsearch.train.data.Dataset;
import org.optsearch.train.model.Batch;

/**
 * Multi-query associative recall, made from a seed: each example is {@code pairs} distinct keys with a
 * random value each, then {@code queries} of those keys (distinct, in random order) whose values are to
 * be recalled. An example is one row of tokens {@code [k_1..k_P, v_1..v_P, q_1..q_Q, a_1..a_Q]}, handed to
 * {@link RecallModel} as a {@link Batch.Tokens} row of that length.
 */
public final class RecallData implements Dataset {
    private final int size;
    private final int rowLength;
    private final int[] tokens;

    private RecallData(int size, int rowLength, int[] tokens) {
        this.size = size;
        this.rowLength = rowLength;
        this.tokens = tokens;
    }

    /** {@code size} examples drawn from {@code seed}; needs {@code queries <= pairs <= keys}. */
    public static RecallData generate(int size, int keys, int values, int pairs, int queries, long seed) {
        if (!(queries >= 1 && queries <= pairs && pairs <= keys && values >= 2)) {
            throw new IllegalArgumentException("recall needs 1 <= queries <= pairs <= keys and values >= 2, got keys="
                    + keys + ", values=" + values + ", pairs=" + pairs + ", queries=" + queries);
        }
        int rowLength = 2 * pairs + 2 * queries;
        int[] tokens = new int[size * rowLength];
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] keyOrder = new int[keys];
        int[] pick = new int[pairs];
        for (int e = 0; e < size; e++) {
            int row = e * rowLength;
            shuffledPrefix(keyOrder, pairs, rnd);
            for (int p = 0; p < pairs; p++) {
                tokens[row + p] = keyOrder[p];
                tokens[row + pairs + p] = rnd.nextInt(values);
            }
            shuffledPrefix(pick, queries, rnd);
            for (int q = 0; q < queries; q++) {
                int p = pick[q];
                tokens[row + 2 * pairs + q] = tokens[row + p];
                tokens[row + 2 * pairs + queries + q] = tokens[row + pairs + p];
            }
        }
        return new RecallData(size, rowLength, tokens);
    }

    /** Fills {@code a} with 0..a.length-1 and shuffles its first {@code n} entries from the whole range. */
    private static void shuffledPrefix(int[] a, int n, SplittableRandom rnd) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(a.length - i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Batch batch(int[] indices, int from, int count) {
        int[] out = new int[count * rowLength];
        for (int i = 0; i < count; i++) {
            System.arraycopy(tokens, indices[from + i] * rowLength, out, i * rowLength, rowLength);
        }
        return new Batch.Tokens(count, rowLength - 1, out);
    }
}
