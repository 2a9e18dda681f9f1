package org.optsearch.train.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed train/validation split of {@code n} examples by index: disjoint, together all of them
 * (unless the training part was {@link #limitTrain limited}), the same for the same seed.
 */
public record Split(int[] train, int[] validation) {

    /** The validation fraction of sources without a test set of their own (digits, tables). */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    /** A training limit that keeps every training example. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /**
     * Shuffles {@code 0 .. n-1} with {@code seed}: the first {@code round(n * validationFraction)}
     * are the validation examples, the rest the training examples, both in shuffled order.
     */
    public static Split shuffled(int n, double validationFraction, long seed) {
        int validation = validationCount(n, validationFraction);
        int[] order = permutation(n, new SplittableRandom(seed));
        return new Split(Arrays.copyOfRange(order, validation, n), Arrays.copyOf(order, validation));
    }

    /** Only the first {@code limit} training examples (all of them if there are no more); validation unchanged. */
    public Split limitTrain(int limit) {
        int[] kept = first(train, limit);
        return kept == train ? this : new Split(kept, validation);
    }

    /** The first {@code limit} of {@code order} ({@code order} itself if it has no more). */
    static int[] first(int[] order, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("training limit must be >= 1, got " + limit);
        }
        return limit >= order.length ? order : Arrays.copyOf(order, limit);
    }

    /** How many of {@code n} examples go to validation: {@code round(n * fraction)}, at least 1 and at most n - 1. */
    public static int validationCount(int n, double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        if (n < 2) {
            throw new IllegalArgumentException("cannot split " + n + " example" + (n == 1 ? "" : "s")
                    + " into training and validation");
        }
        return (int) Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
    }

    /** A uniformly random permutation of {@code 0 .. n-1} (Fisher-Yates). */
    public static int[] permutation(int n, SplittableRandom rnd) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, rnd);
        return order;
    }

    /** Shuffles {@code a} in place (Fisher-Yates). */
    public static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
