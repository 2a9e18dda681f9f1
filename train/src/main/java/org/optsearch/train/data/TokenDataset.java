package org.optsearch.train.data;

import java.util.SplittableRandom;
import org.optsearch.train.model.Batch;

/**
 * Windows of {@code length + 1} consecutive tokens of a corpus: example {@code i} is the window
 * starting at {@link #start(int) start(i)}, from which a language model predicts tokens {@code 1 ..
 * length} from the ones before. Holds the corpus without copying; treat it as read-only.
 */
public final class TokenDataset implements Dataset {

    private final int[] corpus;
    private final int length;
    private final int vocabSize;
    private final int stride;
    private final int[] starts; // null: start(i) = i * stride
    private final int size;

    private TokenDataset(int[] corpus, int length, int vocabSize, int stride, int[] starts, int size) {
        this.corpus = corpus;
        this.length = length;
        this.vocabSize = vocabSize;
        this.stride = stride;
        this.starts = starts;
        this.size = size;
    }

    /**
     * For training: every window, one per start position {@code 0 .. corpus.length - length - 1};
     * sample them by shuffling indices (see {@link Batcher}).
     */
    public static TokenDataset trainingWindows(int[] corpus, int length, int vocabSize) {
        check(corpus, length, vocabSize);
        return new TokenDataset(corpus, length, vocabSize, 1, null, corpus.length - length);
    }

    /**
     * For validation: fixed windows at starts {@code 0, length, 2 * length, ...}, each that fits. One
     * window's last token is the next one's first input, so no two windows predict the same token
     * and every token but the first is predicted once (up to the remainder that fits no window).
     */
    public static TokenDataset validationWindows(int[] corpus, int length, int vocabSize) {
        check(corpus, length, vocabSize);
        return new TokenDataset(corpus, length, vocabSize, length, null, (corpus.length - 1) / length);
    }

    private static void check(int[] corpus, int length, int vocabSize) {
        if (length < 1) {
            throw new IllegalArgumentException("context length must be >= 1, got " + length);
        }
        if (vocabSize < 1) {
            throw new IllegalArgumentException("vocabulary size must be >= 1, got " + vocabSize);
        }
        if (corpus.length < length + 1) {
            throw new IllegalArgumentException("a corpus of " + corpus.length + " tokens is too short for one window of "
                    + (length + 1) + " (context length " + length + " + 1)");
        }
    }

    /**
     * Only {@code limit} windows (all if there are no more): the first {@code limit} of the windows
     * shuffled with {@code seed}. The same seed always picks the same windows.
     */
    public TokenDataset limit(int limit, long seed) {
        if (limit < 1) {
            throw new IllegalArgumentException("training limit must be >= 1, got " + limit);
        }
        if (limit >= size) {
            return this;
        }
        int[] order = Split.permutation(size, new SplittableRandom(seed));
        int[] picked = new int[limit];
        for (int i = 0; i < limit; i++) {
            picked[i] = start(order[i]);
        }
        return new TokenDataset(corpus, length, vocabSize, 0, picked, limit);
    }

    @Override
    public int size() {
        return size;
    }

    /** Context length: a window holds {@code length + 1} tokens. */
    public int length() {
        return length;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** Where example {@code i} starts in the corpus. */
    public int start(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " of a data set of " + size);
        }
        return starts != null ? starts[i] : i * stride;
    }

    @Override
    public Batch.Tokens batch(int[] indices, int from, int count) {
        if (from < 0 || count < 0 || from + count > indices.length) {
            throw new IndexOutOfBoundsException("batch of " + count + " from " + from + " of " + indices.length + " indices");
        }
        int w = length + 1;
        int[] tokens = new int[count * w];
        for (int j = 0; j < count; j++) {
            System.arraycopy(corpus, start(indices[from + j]), tokens, j * w, w);
        }
        return new Batch.Tokens(count, length, tokens);
    }
}
