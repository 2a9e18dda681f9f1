package org.optsearch.search;

/**
 * Where a search's evaluations run, for the live status line.
 *
 * @param workers  worker processes (1 for the in-process pool: this JVM)
 * @param slots    evaluations that may run at once over all of them
 * @param inFlight evaluations running now
 * @param retried  evaluations sent again (their worker left or did not answer) or abandoned, so far
 */
public record PoolStatus(int workers, int slots, int inFlight, long retried) {
}
