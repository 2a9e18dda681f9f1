package org.optsearch.search;

/**
 * A snapshot of a running search, for the live status line and the final summary.
 *
 * @param generated        programs generated and validated (cache hits included)
 * @param evaluated        stage-A trainings finished
 * @param hashHits         children whose dataflow hash was already scored
 * @param fingerprintHits  children whose numeric fingerprint was already scored (hash misses)
 * @param invalid          invalid children discarded before a valid one was found
 * @param redundancy       share of statements that are redundant, over all generated children
 * @param hurdleStops      stage-A trainings stopped at a hurdle
 * @param savedSteps       training steps those hurdles saved
 * @param bestA            best stage-A fitness (1 = the start program)
 * @param bestB            best stage-B fitness among promoted candidates, NaN if none yet
 * @param bestC            best stage-C fitness, NaN if none yet
 * @param evaluatedBefore  of {@code evaluated}, those finished before this session: a resumed run's
 *                         ({@code seconds} counts from the resume)
 */
public record SearchStatus(double seconds, String budget, long generated, long evaluated, long hashHits,
        long fingerprintHits, long invalid, double redundancy, long hurdleStops, long savedSteps, long failures,
        long evaluatedB, long evaluatedC, long restarts, double bestA, double bestB, double bestC,
        double medianA, long evaluatedBefore) {

    /** A status of a run that was not resumed. */
    public SearchStatus(double seconds, String budget, long generated, long evaluated, long hashHits,
            long fingerprintHits, long invalid, double redundancy, long hurdleStops, long savedSteps, long failures,
            long evaluatedB, long evaluatedC, long restarts, double bestA, double bestB, double bestC,
            double medianA) {
        this(seconds, budget, generated, evaluated, hashHits, fingerprintHits, invalid, redundancy, hurdleStops,
                savedSteps, failures, evaluatedB, evaluatedC, restarts, bestA, bestB, bestC, medianA, 0);
    }

    /** Stage-A trainings finished per second in this session (a resumed run's earlier ones are not counted). */
    public double evaluationsPerSecond() {
        return seconds > 0 ? (evaluated - evaluatedBefore) / seconds : 0;
    }

    /** Share of generated children that reused a stored fitness (hash or fingerprint). */
    public double cacheHitRate() {
        return generated == 0 ? 0 : (double) (hashHits + fingerprintHits) / generated;
    }

    public double hashHitRate() {
        return generated == 0 ? 0 : (double) hashHits / generated;
    }

    /** Of the children the hash missed, the share the fingerprint caught. */
    public double fingerprintHitRate() {
        long misses = generated - hashHits;
        return misses == 0 ? 0 : (double) fingerprintHits / misses;
    }
}
