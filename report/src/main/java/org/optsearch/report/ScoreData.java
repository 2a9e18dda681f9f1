package org.optsearch.report;

import java.util.List;
import java.util.Map;

/**
 * What the benchmark page shows, as plain values (the report module knows nothing of the suite that computes
 * them): the submissions with their scores and performance profiles, the workloads with their targets, and
 * validation curves.
 *
 * @param provenance how the targets were made (command, commit, date, JDK, protocol), shown as given
 */
public record ScoreData(String title, String ruleset, List<Workload> workloads, List<Submission> submissions,
        List<Curve> curves, Map<String, String> provenance) {

    public ScoreData {
        workloads = List.copyOf(workloads);
        submissions = List.copyOf(submissions);
        curves = List.copyOf(curves);
        provenance = Map.copyOf(provenance);
    }

    /** A workload: its metric (label), whether higher is better, the target and the step budget. */
    public record Workload(String name, String metric, double target, int budget) {
    }

    /**
     * A submission (a program scored, or a tuned baseline).
     *
     * @param steps   per workload, median steps to target (positive infinity for a miss)
     * @param tau     the x values where the performance profile steps, from 1 to r_max
     * @param rho     the profile's value at each {@code tau}
     * @param p       per workload, the one-sided p-value of its claim to beat AdamW (NaN when there is none)
     */
    public record Submission(String name, boolean baseline, double score, double speedup, int misses, double[] steps,
            double[] tau, double[] rho, double[] p) {
    }

    /** One training's validation curve on a workload. */
    public record Curve(String workload, String submission, double[] steps, double[] values) {
    }
}
