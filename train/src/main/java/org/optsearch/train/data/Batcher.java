package org.optsearch.train.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.optsearch.train.model.Batch;

/**
 * Shuffled mini-batches of a data set, epoch after epoch: each epoch is a fresh permutation of
 * the examples cut into {@code size / batchSize} full batches; the remainder (fewer than {@code
 * batchSize}, a different few each epoch) is left out, so every batch has {@code batchSize}
 * examples. Deterministic: the same generator state gives the same batches. Not thread-safe.
 */
public final class Batcher {

    private final Dataset data;
    private final int batchSize;
    private final SplittableRandom rnd;
    private final int[] order;
    private final int batchesPerEpoch;
    private int next;
    private long epoch;

    /** Takes {@code rnd} as its own: draw from it nothing else. */
    public Batcher(Dataset data, int batchSize, SplittableRandom rnd) {
        checkBatchSize(batchSize);
        if (batchSize > data.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " is larger than the data set ("
                    + data.size() + " examples)");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.rnd = rnd;
        this.order = Split.permutation(data.size(), rnd);
        this.batchesPerEpoch = data.size() / batchSize;
    }

    /** The next batch, starting a new epoch (reshuffled) when this one is done. */
    public Batch next() {
        if (next == batchesPerEpoch) {
            Split.shuffle(order, rnd);
            next = 0;
            epoch++;
        }
        return data.batch(order, batchSize * next++, batchSize);
    }

    /** Epochs started before the current one: 0 during the first. */
    public long epoch() {
        return epoch;
    }

    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * Every example once, in order, in batches of {@code batchSize} (the last may be smaller): for
     * evaluation. Batches are made as they are iterated.
     */
    public static Iterable<Batch> sequential(Dataset data, int batchSize) {
        checkBatchSize(batchSize);
        return () -> new Iterator<>() {
            private final int[] window = new int[batchSize];
            private int from;

            @Override
            public boolean hasNext() {
                return from < data.size();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = Math.min(batchSize, data.size() - from);
                for (int j = 0; j < count; j++) {
                    window[j] = from + j;
                }
                from += count;
                return data.batch(window, 0, count);
            }
        };
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }
}
