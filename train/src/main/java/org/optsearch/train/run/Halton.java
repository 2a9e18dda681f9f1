package org.optsearch.train.run;

import java.util.SplittableRandom;

/**
 * Quasi-random points in the unit cube: the Halton sequence, one prime base per dimension, with a
 * random shift modulo 1 drawn from a seed (a Cranley-Patterson rotation) so that independent studies get
 * different but equally even point sets. The same seed always gives the same points.
 *
 * <p>Used for hyperparameter trials (the benchmark suite's external tuning, {@code tune --trials}):
 * N points cover a box more evenly than N uniform random draws, and unlike a grid every point is new in
 * every dimension.
 */
public final class Halton {
    private static final int[] PRIMES = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};

    private final int dimensions;
    private final double[] shift;

    /**
     * @param dimensions 1 to 16
     * @param seed       the rotation's seed; {@code 0} and any other value are equally valid
     */
    public Halton(int dimensions, long seed) {
        if (dimensions < 1 || dimensions > PRIMES.length) {
            throw new IllegalArgumentException("Halton points need 1 to " + PRIMES.length + " dimensions, got "
                    + dimensions);
        }
        this.dimensions = dimensions;
        this.shift = new double[dimensions];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int d = 0; d < dimensions; d++) {
            shift[d] = rnd.nextDouble();
        }
    }

    public int dimensions() {
        return dimensions;
    }

    /** The {@code index}-th point (index >= 0), each coordinate in [0, 1). */
    public double[] point(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("point index must be >= 0, got " + index);
        }
        double[] p = new double[dimensions];
        for (int d = 0; d < dimensions; d++) {
            double x = radicalInverse(index + 1, PRIMES[d]) + shift[d];
            p[d] = x >= 1 ? x - 1 : x;
        }
        return p;
    }

    /** The first {@code n} points. */
    public double[][] points(int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = point(i);
        }
        return out;
    }

    /** The digits of {@code i} in base {@code base}, mirrored about the radix point. */
    static double radicalInverse(long i, int base) {
        double inverse = 0;
        double f = 1.0 / base;
        while (i > 0) {
            inverse += f * (i % base);
            i /= base;
            f /= base;
        }
        return inverse;
    }

    /** Maps u in [0, 1) to [lo, hi] on a log scale (both > 0): for learning rates, weight decay, 1 - beta. */
    public static double logScale(double u, double lo, double hi) {
        if (!(lo > 0 && hi >= lo)) {
            throw new IllegalArgumentException("a log-scale range needs 0 < lo <= hi, got [" + lo + ", " + hi + "]");
        }
        return Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));
    }

    /** Maps u in [0, 1) to [lo, hi] linearly. */
    public static double linearScale(double u, double lo, double hi) {
        if (!(hi >= lo)) {
            throw new IllegalArgumentException("a range needs lo <= hi, got [" + lo + ", " + hi + "]");
        }
        return lo + u * (hi - lo);
    }
}
