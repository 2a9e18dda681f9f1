package org.optsearch.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs independent trainings on a fixed number of threads (each training is single-threaded) and reports
 * each one as it finishes. Results come back in the order the jobs were given, so the outcome does not
 * depend on the number of threads.
 */
public final class Parallel {
    /** Told after each job; called from worker threads, one call at a time. */
    public interface Progress {
        void done(int finished, int total, Measurement last);

        Progress NONE = (finished, total, last) -> { };
    }

    private Parallel() {
    }

    static List<Measurement> run(List<Supplier<Measurement>> jobs, int threads, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "suite-worker");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger finished = new AtomicInteger();
        Object lock = new Object();
        try {
            List<Future<Measurement>> futures = new ArrayList<>();
            for (Supplier<Measurement> job : jobs) {
                futures.add(pool.submit(() -> {
                    Measurement m = job.get();
                    synchronized (lock) {
                        progress.done(finished.incrementAndGet(), jobs.size(), m);
                    }
                    return m;
                }));
            }
            List<Measurement> out = new ArrayList<>();
            for (Future<Measurement> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
