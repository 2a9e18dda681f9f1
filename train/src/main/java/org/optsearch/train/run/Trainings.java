package org.optsearch.train.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.optsearch.lang.Program;

/**
 * Runs many trainings on a pool of worker threads, one training per thread at a time (each training is
 * single-threaded); results come back in the order of the jobs, whatever order they finish in.
 */
public final class Trainings {

    /** One training to run. */
    public record Job(Task task, Program program, String programName) {
    }

    private Trainings() {
    }

    /**
     * @param workers  threads (at least 1)
     * @param finished told about each result as it finishes (from the worker's thread)
     */
    public static List<TrainResult> run(List<Job> jobs, int workers, Consumer<TrainResult> finished) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, Math.max(1, jobs.size())), r -> {
            Thread t = new Thread(r, "training");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<TrainResult>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(() -> {
                    TrainResult r = Trainer.train(job.task(), job.program(), job.programName());
                    synchronized (finished) {
                        finished.accept(r);
                    }
                    return r;
                }));
            }
            List<TrainResult> results = new ArrayList<>();
            for (Future<TrainResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
