package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.optsearch.train.model.Batch;

class TokenDatasetTest {

    private static final int[] CORPUS = IntStream.range(0, 20).toArray(); // token i at position i

    @Test
    void trainingHasAWindowAtEveryStart() {
        TokenDataset d = TokenDataset.trainingWindows(CORPUS, 4, 20);
        assertEquals(16, d.size()); // starts 0..15; the last window is 15..19
        Batch.Tokens b = d.batch(new int[] {15, 0, 7}, 0, 3);
        assertEquals(3, b.size());
        assertEquals(4, b.length());
        assertArrayEquals(new int[] {15, 16, 17, 18, 19, 0, 1, 2, 3, 4, 7, 8, 9, 10, 11}, b.tokens());
    }

    @Test
    void validationWindowsPredictEveryTokenOnce() {
        TokenDataset d = TokenDataset.validationWindows(CORPUS, 4, 20);
        assertEquals(4, d.size()); // starts 0, 4, 8, 12; 16..20 would run past the end
        Batch.Tokens b = d.batch(new int[] {0, 1, 2, 3}, 0, 4);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 10, 11, 12, 12, 13, 14, 15, 16}, b.tokens());
        assertEquals(12, d.start(3));
    }

    @Test
    void textSplitTakesTheLastFractionForValidationWithoutOverlap() {
        Text text = Text.of("t", "abcdefghijklmnopqrst"); // 20 characters, ids 0..19
        TokenSplit s = TokenSplit.of(text, 3, 0.25, 1, Split.NO_LIMIT);
        // training text: ids 0..14 (windows start 0..11); validation text: ids 15..19
        assertEquals(12, s.train().size());
        Batch.Tokens lastTrain = s.train().batch(new int[] {11}, 0, 1);
        assertArrayEquals(new int[] {11, 12, 13, 14}, lastTrain.tokens());
        assertEquals(1, s.validation().size());
        assertArrayEquals(new int[] {15, 16, 17, 18}, s.validation().batch(new int[] {0}, 0, 1).tokens());
        assertEquals(20, s.train().vocabSize());
    }

    @Test
    void trainLimitPicksTheSameWindowsForTheSameSeed() {
        TokenDataset all = TokenDataset.trainingWindows(IntStream.range(0, 1000).toArray(), 8, 1000);
        TokenDataset a = all.limit(50, 9);
        TokenDataset b = all.limit(50, 9);
        TokenDataset c = all.limit(50, 10);
        assertEquals(50, a.size());
        int[] startsA = IntStream.range(0, 50).map(a::start).toArray();
        assertArrayEquals(startsA, IntStream.range(0, 50).map(b::start).toArray());
        assertNotEquals(java.util.Arrays.toString(startsA),
                java.util.Arrays.toString(IntStream.range(0, 50).map(c::start).toArray()));
        assertTrue(IntStream.of(startsA).allMatch(s -> s >= 0 && s < all.size()));
        assertEquals(all, all.limit(5000, 9));
    }

    @Test
    void corpusTooShortForAWindowIsNamed() {
        assertEquals("a corpus of 4 tokens is too short for one window of 5 (context length 4 + 1)",
                assertThrows(IllegalArgumentException.class, () -> TokenDataset.trainingWindows(new int[4], 4, 2))
                        .getMessage());
    }
}
