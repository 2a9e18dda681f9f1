package org.optsearch.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performance profiles, AlgoPerf's way. For submissions {@code s} and workloads {@code w} with steps to
 * target {@code t[s][w]} (positive infinity for a miss), the performance ratio is
 * {@code r[s][w] = t[s][w] / min_s' t[s'][w]} (infinity when every submission missed {@code w}), the profile
 * is {@code rho_s(tau) = |{w : r[s][w] <= tau}| / |W|}, and the score is its normalized integral
 * {@code B_s = 1/(r_max - 1) * integral_1^r_max rho_s(tau) dtau} with {@code r_max = }{@value #R_MAX}: 1 for a
 * submission that is the fastest everywhere, 0 for one never within {@code r_max} of the fastest. Because
 * {@code rho} is a step function, the integral is exact: {@code B_s = mean_w max(0, r_max - r[s][w]) / (r_max - 1)}.
 */
public final class Profiles {
    public static final double R_MAX = 4;

    private Profiles() {
    }

    /** The performance ratios of each submission (rows) on each workload (columns). */
    public static double[][] ratios(double[][] steps) {
        int n = steps.length;
        int m = n == 0 ? 0 : steps[0].length;
        double[][] r = new double[n][m];
        for (int w = 0; w < m; w++) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] row : steps) {
                check(row[w]);
                best = Math.min(best, row[w]);
            }
            for (int s = 0; s < n; s++) {
                r[s][w] = Double.isInfinite(best) || Double.isInfinite(steps[s][w]) ? Double.POSITIVE_INFINITY
                        : steps[s][w] / best;
            }
        }
        return r;
    }

    private static void check(double steps) {
        if (Double.isNaN(steps) || steps <= 0) {
            throw new IllegalArgumentException("steps to target must be > 0 or infinite (a miss), got " + steps);
        }
    }

    /** {@code rho(tau)}: the fraction of a submission's ratios at or below {@code tau}. */
    public static double rho(double[] ratios, double tau) {
        if (ratios.length == 0) {
            return 0;
        }
        int within = 0;
        for (double r : ratios) {
            if (r <= tau) {
                within++;
            }
        }
        return (double) within / ratios.length;
    }

    /** The normalized integral of the profile from 1 to {@code rMax}: in [0, 1]. */
    public static double integral(double[] ratios, double rMax) {
        if (!(rMax > 1)) {
            throw new IllegalArgumentException("r_max must be > 1, got " + rMax);
        }
        if (ratios.length == 0) {
            return 0;
        }
        double sum = 0;
        for (double r : ratios) {
            sum += Math.max(0, rMax - Math.max(1, r));
        }
        return sum / ratios.length / (rMax - 1);
    }

    /** Each submission's score {@code B_s} with {@link #R_MAX}, by name, in the order given. */
    public static Map<String, Double> scores(List<String> names, double[][] steps) {
        double[][] r = ratios(steps);
        Map<String, Double> out = new LinkedHashMap<>();
        for (int s = 0; s < names.size(); s++) {
            out.put(names.get(s), integral(r[s], R_MAX));
        }
        return out;
    }

    /** The points where a submission's profile steps up, for plotting: (tau, rho) from tau = 1. */
    public static List<double[]> curve(double[] ratios, double rMax) {
        List<Double> taus = new ArrayList<>();
        taus.add(1.0);
        for (double r : ratios) {
            if (r > 1 && r <= rMax) {
                taus.add(r);
            }
        }
        taus.add(rMax);
        List<double[]> points = new ArrayList<>();
        taus.stream().distinct().sorted().forEach(t -> points.add(new double[] {t, rho(ratios, t)}));
        return points;
    }

    /**
     * The geometric mean over workloads of {@code baseline[w] / program[w]} (above 1: faster than the
     * baseline), over the workloads where both reached the target; NaN when there are none. Report the
     * misses beside it: they are left out, not counted as slow.
     */
    public static double geometricMeanSpeedup(double[] program, double[] baseline) {
        if (program.length != baseline.length) {
            throw new IllegalArgumentException(program.length + " program results but " + baseline.length
                    + " baseline results");
        }
        double logSum = 0;
        int n = 0;
        for (int w = 0; w < program.length; w++) {
            if (Double.isFinite(program[w]) && Double.isFinite(baseline[w])) {
                logSum += Math.log(baseline[w] / program[w]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(logSum / n);
    }
}
