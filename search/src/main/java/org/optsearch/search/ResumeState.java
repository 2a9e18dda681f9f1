package org.optsearch.search;

import java.util.List;
import java.util.Map;

/**
 * The state of a search as a run store recorded it, to continue from: the population in queue order
 * (oldest first), the fitness caches, the counters, the scored programs and the meta-validation curve.
 * A resumed run draws from a generator derived from the seed and {@code generated}, so it is a valid
 * continuation of the search, not a replay of the lost remainder.
 */
public record ResumeState(List<Member> population, Map<String, Double> byHash, Map<Long, Double> byFingerprint,
        Counters counters, List<SearchResult.Entry> scored, List<SearchResult.MetaPoint> meta) {

    public ResumeState {
        population = List.copyOf(population);
        byHash = Map.copyOf(byHash);
        byFingerprint = Map.copyOf(byFingerprint);
        scored = List.copyOf(scored);
        meta = List.copyOf(meta);
    }

    /** A population member: a program and its stage-A fitness. */
    public record Member(Candidate candidate, double fitness) {
    }

    /** The counters of {@link SearchStatus} that carry over. */
    public record Counters(long generated, long evaluated, long hashHits, long fingerprintHits, long invalid,
            long statements, long redundant, long hurdleStops, long savedSteps, long failures, long evaluatedB,
            long evaluatedC, long restarts) {
    }
}
