package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optsearch.train.model.Batch;

class BatcherTest {

    /** 23 rows whose single feature is the row's index, labelled by parity. */
    private static final FeatureDataset ROWS =
            FeatureDataset.classification(indexFeatures(23), 1, IntStream.range(0, 23).map(i -> i % 2).toArray(), 2);

    private static float[] indexFeatures(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static int[] rowsOf(Batch batch) {
        float[] x = ((Batch.Features) batch).x();
        return IntStream.range(0, x.length).map(i -> (int) x[i]).toArray();
    }

    private static List<int[]> firstBatches(long seed, int count) {
        Batcher batcher = new Batcher(ROWS, 5, new SplittableRandom(seed));
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(rowsOf(batcher.next()));
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameBatches() {
        List<int[]> a = firstBatches(17, 12);
        List<int[]> b = firstBatches(17, 12);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertFalse(Arrays.equals(a.get(0), firstBatches(18, 1).get(0)));
    }

    @Test
    void eachEpochIsFullBatchesOfDistinctExamplesReshuffled() {
        Batcher batcher = new Batcher(ROWS, 5, new SplittableRandom(1));
        assertEquals(4, batcher.batchesPerEpoch()); // 23 / 5: 3 examples sit out each epoch
        List<String> epochs = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[0];
            for (int b = 0; b < 4; b++) {
                Batch batch = batcher.next();
                assertEquals(5, batch.size());
                assertEquals(epoch, batcher.epoch());
                seen = IntStream.concat(IntStream.of(seen), IntStream.of(rowsOf(batch))).toArray();
            }
            assertEquals(20, IntStream.of(seen).distinct().count());
            epochs.add(Arrays.toString(seen));
        }
        assertEquals(3, epochs.stream().distinct().count());
    }

    @Test
    void batchesCarryLabelsWithTheirRows() {
        Batch.Features b = (Batch.Features) new Batcher(ROWS, 7, new SplittableRandom(3)).next();
        for (int i = 0; i < b.size(); i++) {
            assertEquals((int) b.x()[i] % 2, b.labels()[i]);
        }
    }

    @Test
    void sequentialBatchesCoverEveryExampleOnceInOrder() {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (Batch batch : Batcher.sequential(ROWS, 10)) {
            sizes.add(batch.size());
            Arrays.stream(rowsOf(batch)).forEach(rows::add);
        }
        assertEquals(List.of(10, 10, 3), sizes);
        assertEquals(IntStream.range(0, 23).boxed().toList(), rows);
    }

    @Test
    void sequentialTokenWindowsCoverTheValidationText() {
        TokenDataset d = TokenDataset.validationWindows(IntStream.range(0, 101).toArray(), 10, 101);
        int windows = 0;
        for (Batch batch : Batcher.sequential(d, 3)) {
            Batch.Tokens t = (Batch.Tokens) batch;
            for (int j = 0; j < t.size(); j++) {
                assertEquals(10 * windows++, t.tokens()[j * 11]);
            }
        }
        assertEquals(10, windows);
    }

    @Test
    void batchLargerThanTheDataIsRefused() {
        assertEquals("batch size 24 is larger than the data set (23 examples)",
                assertThrows(IllegalArgumentException.class, () -> new Batcher(ROWS, 24, new SplittableRandom(1)))
                        .getMessage());
        assertEquals("batch size must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Batcher.sequential(ROWS, 0)).getMessage());
    }
}
