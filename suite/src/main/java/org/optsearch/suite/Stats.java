package org.optsearch.suite;

import java.util.Arrays;

/** Medians with misses: a miss is positive infinity and sorts last. */
final class Stats {
    private Stats() {
    }

    /** The median (the mean of the middle two for an even count); infinite when half or more are misses. */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
