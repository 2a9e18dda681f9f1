package org.optsearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * W worker threads, each looping: take a job, run it, hand in its score. Trainings stop themselves at
 * the per-evaluation time limit, but only between steps; a worker that has still not handed in a
 * score 1.5 times its time limit (plus a second) after it started (one step that never ends, a stuck
 * task loader) is abandoned: interrupted and left to end on its own with its result dropped, its job handed in as
 * failed, and a fresh worker started in its place. One hung evaluation cannot stall a search.
 *
 * @param <J> a job
 */
final class Workers<J> {

    /** What the workers do ({@link WorkLoop}). */
    interface Loop<J> extends WorkLoop<J> {
    }

    private record Running<J>(J job, long startNanos, long hungAfterNanos, Thread thread) {
    }

    private final WorkLoop<J> loop;
    private final LongSupplier clock;
    private final ToLongFunction<J> limitNanos;
    private final long periodMillis;
    private final Map<Integer, Running<J>> running = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();
    private volatile boolean over;

    /**
     * @param shortestNanos the shortest of the jobs' limits (the watchdog looks ten times per the time a job
     *                      with it is allowed, at most once a second)
     * @param limitNanos    each job's time limit (it may differ by stage); a worker is abandoned 1.5 times that
     *                      (plus one second) after it started the job
     */
    Workers(WorkLoop<J> loop, LongSupplier clock, long shortestNanos, ToLongFunction<J> limitNanos) {
        this.loop = loop;
        this.clock = clock;
        this.limitNanos = limitNanos;
        this.periodMillis = Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(shortestNanos + shortestNanos / 2
                + TimeUnit.SECONDS.toNanos(1)) / 10));
    }

    /** A job is abandoned this long after it started. */
    private long hungAfterNanos(J job) {
        long limit = limitNanos.applyAsLong(job);
        return limit + limit / 2 + TimeUnit.SECONDS.toNanos(1);
    }

    /** Jobs running now. */
    int inFlight() {
        return running.size();
    }

    /** Workers abandoned so far. */
    int abandonedCount() {
        return abandoned.size();
    }

    /** Runs {@code count} workers until {@link WorkLoop#next} is null for all of them. */
    void run(int count) {
        for (int w = 0; w < count; w++) {
            start(w);
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "search-watchdog");
            t.setDaemon(true);
            return t;
        });
        long period = periodMillis;
        watchdog.scheduleWithFixedDelay(this::abandonHung, period, period, TimeUnit.MILLISECONDS);
        boolean interrupted = false;
        try {
            Thread next;
            while ((next = liveWorker()) != null) {
                try {
                    next.join(period);
                } catch (InterruptedException e) {
                    interrupted = true; // let the workers finish what they are doing, then return
                    loop.stop();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            over = true;
            watchdog.shutdownNow();
        }
    }

    private synchronized void start(int worker) {
        Thread t = new Thread(() -> work(worker), "search-worker-" + worker);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private synchronized Thread liveWorker() {
        for (Thread t : threads) {
            if (t.isAlive() && !abandoned.contains(t)) {
                return t;
            }
        }
        return null;
    }

    private void work(int worker) {
        while (true) {
            J job = loop.next();
            if (job == null) {
                return;
            }
            Running<J> mine = new Running<>(job, clock.getAsLong(), hungAfterNanos(job), Thread.currentThread());
            running.put(worker, mine);
            Score score;
            try {
                score = loop.run(job);
            } catch (RuntimeException | Error e) {
                score = Score.failure("error: " + e);
            }
            if (!running.remove(worker, mine)) {
                return; // the watchdog gave up on this worker and handed the job in already
            }
            loop.done(job, score, worker, (clock.getAsLong() - mine.startNanos()) / 1e9);
        }
    }

    private void abandonHung() {
        long now = clock.getAsLong();
        for (Map.Entry<Integer, Running<J>> e : running.entrySet()) {
            Running<J> r = e.getValue();
            if (now - r.startNanos() > r.hungAfterNanos() && running.remove(e.getKey(), r)) {
                r.thread().interrupt();
                double seconds = (now - r.startNanos()) / 1e9;
                loop.abandoned(r.job(), e.getKey(), seconds);
                loop.done(r.job(), Score.failure(String.format(java.util.Locale.ROOT,
                        "hung: no result %.1f s after it started, past the evaluation time limit", seconds)),
                        e.getKey(), seconds);
                if (!over) {
                    start(e.getKey());
                }
                // Only now is the hung thread no longer waited for: run() must not return before its job is in.
                abandoned.add(r.thread());
            }
        }
    }
}
