package org.optsearch.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.optsearch.search.PoolStatus;
import org.optsearch.search.SearchStatus;

/**
 * The live status of a search on stderr: rewritten in place every second on a terminal, a new line every
 * 15 seconds elsewhere (logs, CI). Silent when turned off.
 */
final class StatusLine implements AutoCloseable {
    private final Thread thread;
    private final PrintWriter err;
    private final Supplier<SearchStatus> status;
    private final Supplier<PoolStatus> pool;
    private final BooleanSupplier spent;
    private final boolean terminal;
    private volatile boolean running = true;

    private StatusLine(PrintWriter err, Supplier<SearchStatus> status, Supplier<PoolStatus> pool,
            BooleanSupplier spent, boolean on) {
        this.err = err;
        this.status = status;
        this.pool = pool;
        this.spent = spent;
        this.terminal = System.console() != null;
        this.thread = new Thread(this::loop, "status-line");
        this.thread.setDaemon(true);
        if (on) {
            thread.start();
        }
    }

    static StatusLine start(PrintWriter err, Supplier<SearchStatus> status, boolean on) {
        return new StatusLine(err, status, null, () -> false, on);
    }

    /**
     * As {@link #start(PrintWriter, Supplier, boolean)}, followed by where the evaluations run, and, once
     * {@code spent} (the budget is used up), that the search waits for the evaluations still in flight.
     */
    static StatusLine start(PrintWriter err, Supplier<SearchStatus> status, Supplier<PoolStatus> pool,
            BooleanSupplier spent, boolean on) {
        return new StatusLine(err, status, pool, spent, on);
    }

    private void loop() {
        long every = terminal ? 1000 : 15000;
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                print(terminal ? "\r" : "", terminal ? "" : "\n");
            }
        }
    }

    private void print(String before, String after) {
        String line = pool == null ? format(status.get()) : format(status.get(), pool.get(), spent.getAsBoolean());
        err.print(before + line + after);
        err.flush();
    }

    static String format(SearchStatus s) {
        return String.format(Locale.ROOT, "[%s / %s] generated %d, evaluated %d (%.2f/s), cache hits %.0f%% "
                        + "(hash %.0f%%, fingerprint %.0f%% of misses), redundant %.0f%%, hurdles %d | best A %s  B %s  C %s ",
                clock(s.seconds()), s.budget(), s.generated(), s.evaluated(), s.evaluationsPerSecond(),
                100 * s.cacheHitRate(), 100 * s.hashHitRate(), 100 * s.fingerprintHitRate(), 100 * s.redundancy(),
                s.hurdleStops(), fixed(s.bestA()), fixed(s.bestB()), fixed(s.bestC()));
    }

    /** The status, then the pool: worker JVMs (1: this one), slots, evaluations in flight and retried. */
    static String format(SearchStatus s, PoolStatus p) {
        return format(s, p, false);
    }

    /**
     * As {@link #format(SearchStatus, PoolStatus)}; once the budget is spent, no new evaluation starts and the
     * search waits for those in flight (a stage-C evaluation can take many minutes): the line says so.
     */
    static String format(SearchStatus s, PoolStatus p, boolean spent) {
        String line = format(s) + String.format(Locale.ROOT, "| workers %d, slots %d, in flight %d, retried %d ",
                p.workers(), p.slots(), p.inFlight(), p.retried());
        return spent && p.inFlight() > 0 ? line + String.format(Locale.ROOT,
                "| budget spent: waiting for the %d evaluation(s) in flight (Ctrl-C stops without them) ", p.inFlight())
                : line;
    }

    /** A fitness, or "-" before there is one (while the start program is still being trained). */
    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    @Override
    public void close() {
        if (running && thread.isAlive()) {
            running = false;
            thread.interrupt();
            print(terminal ? "\r" : "", "\n");
        }
        running = false;
    }
}
