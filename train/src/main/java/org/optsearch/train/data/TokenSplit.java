package org.optsearch.train.data;

import java.util.Arrays;

/**
 * A text cut in two without overlap: the first part for training (every window), the last
 * {@code validationFraction} for validation (fixed windows). The alphabet is the whole text's.
 */
public record TokenSplit(TokenDataset train, TokenDataset validation, Text text) {

    /**
     * Training windows of {@code length + 1} characters from the first {@code 1 - validationFraction}
     * of the text, validation windows from the rest; with {@code trainLimit} below the number of
     * training windows ({@link Split#NO_LIMIT} for all), only that many, picked with {@code seed}.
     */
    public static TokenSplit of(Text text, int length, double validationFraction, long seed, int trainLimit) {
        int n = text.length();
        int boundary = n - Split.validationCount(n, validationFraction);
        int[] train = Arrays.copyOfRange(text.ids(), 0, boundary);
        int[] validation = Arrays.copyOfRange(text.ids(), boundary, n);
        TokenDataset t = TokenDataset.trainingWindows(train, length, text.vocabSize());
        if (trainLimit != Split.NO_LIMIT) {
            t = t.limit(trainLimit, seed);
        }
        return new TokenSplit(t, TokenDataset.validationWindows(validation, length, text.vocabSize()), text);
    }
}
