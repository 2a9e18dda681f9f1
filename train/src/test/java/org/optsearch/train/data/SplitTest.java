package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void sameSeedGivesTheSameSplit() {
        Split a = Split.shuffled(569, 0.2, 42);
        Split b = Split.shuffled(569, 0.2, 42);
        assertArrayEquals(a.train(), b.train());
        assertArrayEquals(a.validation(), b.validation());
    }

    @Test
    void otherSeedGivesAnotherSplit() {
        assertFalse(Arrays.equals(Split.shuffled(569, 0.2, 42).validation(), Split.shuffled(569, 0.2, 43).validation()));
    }

    @Test
    void partsAreDisjointAndCoverEveryExample() {
        Split s = Split.shuffled(1797, 0.2, 7);
        assertEquals(359, s.validation().length); // round(1797 * 0.2) = 359.4 -> 359
        assertEquals(1797 - 359, s.train().length);
        int[] all = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 1797).toArray(), all);
    }

    @Test
    void trainLimitKeepsTheFirstShuffledExamplesAndTheSameValidation() {
        Split full = Split.shuffled(100, 0.2, 3);
        Split limited = full.limitTrain(10);
        assertArrayEquals(Arrays.copyOf(full.train(), 10), limited.train());
        assertSame(full.validation(), limited.validation());
        assertSame(full, full.limitTrain(Split.NO_LIMIT));
    }

    @Test
    void everySplitKeepsAtLeastOneExampleOnEachSide() {
        assertEquals(1, Split.shuffled(3, 0.01, 1).validation().length);
        assertEquals(1, Split.shuffled(3, 0.99, 1).train().length);
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("validation fraction must be in (0, 1), got 1.5",
                assertThrows(IllegalArgumentException.class, () -> Split.shuffled(10, 1.5, 1)).getMessage());
        assertEquals("cannot split 1 example into training and validation",
                assertThrows(IllegalArgumentException.class, () -> Split.shuffled(1, 0.2, 1)).getMessage());
        assertEquals("training limit must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Split.shuffled(10, 0.2, 1).limitTrain(0)).getMessage());
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = Split.permutation(1000, new java.util.SplittableRandom(5));
        assertArrayEquals(IntStream.range(0, 1000).toArray(), Arrays.stream(p).sorted().toArray());
    }
}
