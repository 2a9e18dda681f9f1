package org.optsearch.train.run;

/**
 * The mean of paired differences (program B minus program A on the same seed) with a two-sided 95%
 * confidence interval from Student's t distribution: {@code mean +- t(0.975, n-1) * sd / sqrt(n)}.
 * Pairing by seed removes what the seed does to both programs alike (initialization, batch order), so a
 * small but steady difference shows up with few seeds.
 *
 * @param n    pairs
 * @param mean mean difference
 * @param low  lower end of the 95% interval (NaN with fewer than 2 pairs)
 * @param high upper end of the 95% interval (NaN with fewer than 2 pairs)
 */
public record PairedDifference(int n, double mean, double low, double high) {

    /** t(0.975, df) for df = 1..30. */
    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

    /** What the interval says about B against A. */
    public enum Verdict {
        /** The whole interval is above 0. */
        BETTER,
        /** The whole interval is below 0. */
        WORSE,
        /** The interval contains 0: the seeds do not tell them apart. */
        UNCLEAR,
        /** Fewer than 2 pairs: no interval. */
        TOO_FEW
    }

    /** The differences {@code b[i] - a[i]}; both arrays of equal length, at least 1. */
    public static PairedDifference of(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException("paired samples need equal, non-zero lengths, got " + a.length
                    + " and " + b.length);
        }
        int n = a.length;
        double[] d = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
            sum += d[i];
        }
        double mean = sum / n;
        if (n < 2) {
            return new PairedDifference(n, mean, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double half = t975(n - 1) * Math.sqrt(ss / (n - 1) / n);
        return new PairedDifference(n, mean, mean - half, mean + half);
    }

    /** The 97.5% quantile of Student's t with {@code df} degrees of freedom (Cornish-Fisher above 30). */
    public static double t975(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + df);
        }
        if (df <= T975.length) {
            return T975[df - 1];
        }
        double z = 1.959964;
        double z3 = z * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96.0 * df * df);
    }

    public Verdict verdict() {
        if (n < 2 || Double.isNaN(low)) {
            return Verdict.TOO_FEW;
        }
        if (low > 0) {
            return Verdict.BETTER;
        }
        return high < 0 ? Verdict.WORSE : Verdict.UNCLEAR;
    }
}
