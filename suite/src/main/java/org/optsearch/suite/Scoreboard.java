package org.optsearch.suite;

import java.util.List;
import java.util.Map;

/**
 * The outcome of scoring: for every submission (the programs scored, then the tuned baselines from the
 * targets file) its steps to target on every workload, its performance-profile score, and its speedup over
 * AdamW; for the programs, the runs behind the numbers and a significance test where they claim to beat
 * AdamW.
 *
 * @param workloads  the scored workloads, in order (the columns of every steps array)
 * @param rows       one per submission, the programs first
 */
public record Scoreboard(String ruleset, List<String> workloads, Map<String, Targets.Entry> targets, List<Row> rows) {
    public Scoreboard {
        workloads = List.copyOf(workloads);
        targets = Map.copyOf(targets);
        rows = List.copyOf(rows);
    }

    /**
     * @param baseline   true for a tuned baseline read from the targets file
     * @param steps      per workload: median steps to target (positive infinity for a miss)
     * @param samples    per workload: the values the median is of (seeds, or studies' fastest trials)
     * @param score      the normalized integral of the performance profile, r_max = 4 (over the workloads that
     *                   count: not the held-out variants, unless only variants were scored)
     * @param speedup    geometric mean over workloads both reached of AdamW's steps / this one's
     * @param tests      per workload where this submission claims to beat AdamW: the one-sided Welch test (null elsewhere)
     * @param runs       the trainings behind the numbers (empty for baselines)
     */
    public record Row(String name, boolean baseline, double[] steps, List<double[]> samples, double score,
            double speedup, int misses, List<Welch.Result> tests, List<Measurement> runs, double seconds) {
    }

    public Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }
}
