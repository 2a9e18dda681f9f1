package org.optsearch.search;

/**
 * Every event of a search passes through here, so that a run store can record it and a report can be
 * drawn from it. Called from the engine's lock or a worker thread; implementations must be quick and
 * thread-safe. All methods have empty defaults.
 */
public interface SearchListener {

    /** How a generated candidate got its fitness. */
    enum Source { EVALUATED, HASH_CACHE, FINGERPRINT_CACHE, START }

    /** A candidate was generated and validated ({@code source} says whether it needs training). */
    default void generated(Candidate candidate, Source source) {
    }

    /** A candidate was trained on a stage. */
    default void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
    }

    /** A member joined the population and, once it is full, the oldest left ({@code removed} may be null). */
    default void populationChanged(Candidate added, double fitness, Candidate removed) {
    }

    /** The population was refilled with copies of the best program after a plateau. */
    default void restarted(Candidate best, long generated) {
    }

    /**
     * A fact about the whole search for people, said once: what calibration chose for the start program,
     * the seed-to-seed spread of its score.
     */
    default void note(String what) {
    }

    /**
     * Something went wrong with one candidate, or with the whole search when {@code candidate} is null (a
     * stage skipped because the start program gives no reference there); the search goes on.
     */
    default void problem(Candidate candidate, String what) {
    }
}
