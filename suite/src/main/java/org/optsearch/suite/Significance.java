package org.optsearch.suite;

/**
 * Whether a program's claim to beat the AdamW baseline on a workload holds up over seeds: a one-sided Welch
 * t-test of "the program's mean steps to target is smaller than AdamW's". Made only where the program claims
 * it (its median steps are below AdamW's). A miss of the program's makes the claim fail ({@code p = 1}); a miss
 * of AdamW's counts as the budget plus one evaluation interval, the least it could have taken (which favours
 * AdamW, so the test stays conservative).
 */
public final class Significance {
    /** The level at which a claim is called significant in tables. */
    public static final double ALPHA = 0.05;

    private Significance() {
    }

    /** The test, or null when there is no claim or too few samples (fewer than 2 on a side). */
    public static Welch.Result test(double[] program, double[] baseline, Targets.Entry entry) {
        if (program.length < 2 || baseline.length < 2) {
            return null;
        }
        if (!(Stats.median(program) < Stats.median(baseline))) {
            return null;
        }
        for (double p : program) {
            if (Double.isInfinite(p)) {
                return new Welch.Result(Double.NaN, Double.NaN, 1);
            }
        }
        double[] b = new double[baseline.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Double.isInfinite(baseline[i]) ? entry.budget() + entry.evalInterval() : baseline[i];
        }
        return Welch.lessThan(program, b);
    }
}
