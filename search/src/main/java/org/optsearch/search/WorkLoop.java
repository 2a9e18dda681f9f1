package org.optsearch.search;

/**
 * What the workers of a search do, wherever they run: take a job, run it, hand in its score. The
 * in-process pool ({@link Workers}) and the cluster's dispatcher (module {@code cluster}) both drive
 * one of these; the engine neither knows nor cares which.
 *
 * @param <J> a job
 */
public interface WorkLoop<J> {
    /** The next job, or null when the search is over. */
    J next();

    /** Runs a job in this JVM; may take long, throw or hang. */
    Score run(J job);

    /** A job's score, from its worker or, for an abandoned one, from the watchdog. Once per job handed out. */
    void done(J job, Score score, int worker, double seconds);

    /** Told before {@code done} when a worker is abandoned. */
    void abandoned(J job, int worker, double seconds);

    /** The thread waiting for the workers was interrupted: make {@link #next} return null soon. */
    void stop();

    /**
     * What the job's score is normalized by, for an evaluation elsewhere to use instead of training the start
     * program again: the start program's results on the job's stage, trained by this JVM before the search
     * began ({@link Evaluator#references}); null when this loop has none to give.
     */
    default Evaluator.References references(J job) {
        return null;
    }

    /** Something went wrong with a job that ran elsewhere (the text says what); the search goes on. */
    default void problem(J job, String what) {
    }
}
