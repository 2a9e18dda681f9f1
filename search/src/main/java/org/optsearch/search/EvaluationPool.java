package org.optsearch.search;

import java.util.function.LongSupplier;
import org.optsearch.lang.Program;

/**
 * Runs a search's evaluations: W threads of this JVM ({@link #threads}), or worker JVMs elsewhere
 * (module {@code cluster}). Either way it asks the loop for a job only when a slot is free, and hands
 * in exactly one score for every job it took.
 */
public interface EvaluationPool {

    /**
     * Runs jobs until {@link WorkLoop#next} is null and every job taken is done; then returns.
     *
     * @param start the reference of every stage: the start program as the search uses it (hyperparameters
     *              inlined, calibrated on stage A when the search calibrates; on a resumed search, the one
     *              recorded), which an evaluation elsewhere must train as the engine does
     */
    void run(Program start, WorkLoop<SearchEngine.Job> loop);

    /** Workers, slots, evaluations in flight and retried, now. */
    PoolStatus status();

    /**
     * The in-process pool: {@code workers} threads; one that has not answered 1.5 times its job's stage's
     * time limit ({@link SearchConfig#evaluationLimit(StageName)}, plus a second) after it started is
     * abandoned and replaced ({@link Workers}).
     */
    static EvaluationPool threads(int workers, LongSupplier clock, SearchConfig config) {
        return new EvaluationPool() {
            private volatile Workers<SearchEngine.Job> running;

            @Override
            public void run(Program start, WorkLoop<SearchEngine.Job> loop) {
                Workers<SearchEngine.Job> w = new Workers<>(loop, clock, config.evaluationLimit().toNanos(),
                        job -> config.evaluationLimit(job.name()).toNanos());
                running = w;
                w.run(workers);
            }

            @Override
            public PoolStatus status() {
                Workers<SearchEngine.Job> w = running;
                return w == null ? new PoolStatus(1, workers, 0, 0) : new PoolStatus(1, workers, w.inFlight(),
                        w.abandonedCount());
            }
        };
    }
}
