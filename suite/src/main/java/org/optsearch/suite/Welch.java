package org.optsearch.suite;

/**
 * The one-sided Welch t-test: is the mean of sample {@code a} smaller than the mean of sample {@code b}
 * (fewer steps to target)? Unequal variances; Welch-Satterthwaite degrees of freedom; the p-value from the
 * Student t distribution through the regularized incomplete beta function.
 */
public final class Welch {
    private Welch() {
    }

    /** The test's statistic, degrees of freedom and one-sided p-value for {@code mean(a) < mean(b)}. */
    public record Result(double t, double df, double p) {
    }

    /** Needs at least 2 finite values in each sample. */
    public static Result lessThan(double[] a, double[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs 2 or more values per sample, got " + a.length
                    + " and " + b.length);
        }
        double ma = mean(a);
        double mb = mean(b);
        double va = variance(a, ma) / a.length;
        double vb = variance(b, mb) / b.length;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            double p = ma < mb ? 0 : ma > mb ? 1 : 0.5;
            return new Result(ma < mb ? Double.NEGATIVE_INFINITY : ma > mb ? Double.POSITIVE_INFINITY : 0,
                    Double.NaN, p);
        }
        double t = (ma - mb) / se;
        double df = (va + vb) * (va + vb)
                / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return new Result(t, df, studentCdf(t, df));
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Welch's test needs finite values, got " + v);
            }
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    /** P(T <= t) for Student's t with {@code df} degrees of freedom. */
    public static double studentCdf(double t, double df) {
        double tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    /** The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz). */
    static double incompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - incompleteBeta(1 - x, b, a);
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x)) / a;
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 300; m++) {
            for (int half = 0; half < 2; half++) {
                double num = half == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                        : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
                d = 1 + num * d;
                d = Math.abs(d) < tiny ? tiny : d;
                c = 1 + num / c;
                c = Math.abs(c) < tiny ? tiny : c;
                d = 1 / d;
                f *= c * d;
                if (half == 1 && Math.abs(c * d - 1) < 1e-14) {
                    return front * f;
                }
            }
        }
        return front * f;
    }

    /** ln Gamma(x) for x > 0: Lanczos' approximation (g = 7, 9 terms), about 15 digits. */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < c.length; i++) {
            sum += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
