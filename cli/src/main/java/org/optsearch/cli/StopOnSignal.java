package org.optsearch.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.optsearch.search.Candidate;
import org.optsearch.search.Score;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchListener;
import org.optsearch.search.StageName;
import org.optsearch.search.SearchStatus;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreException;

/**
 * Ctrl-C (SIGINT) and kill (SIGTERM) during a stored search: both start the JVM's shutdown, which runs
 * this hook. It stops the engine and lets the search thread record what the workers finish and close the
 * store (the session's end is recorded; the run stays unfinished, so {@code --resume} continues it),
 * waiting at most {@link #GRACE_SECONDS} for trainings in flight; then it closes the store itself, and
 * events that still arrive are dropped instead of failing on the closed store. Whoever closes the store
 * says so on stderr with the commands to continue the run and to write its report.
 */
final class StopOnSignal {
    static final long GRACE_SECONDS = 10;

    private final RunStore store;
    private final PrintWriter err;
    private final Thread hook = new Thread(this::onSignal, "stop-on-signal");
    private final CountDownLatch storeDone = new CountDownLatch(1);
    private volatile SearchEngine engine;
    private volatile boolean requested;
    private volatile boolean forced;
    private final AtomicBoolean said = new AtomicBoolean();

    StopOnSignal(RunStore store, PrintWriter err) {
        this.store = store;
        this.err = err;
    }

    /** Where the engine sends its events: the store, until the hook has closed it; then nowhere. */
    SearchListener listener() {
        return new Guarded(store, () -> forced);
    }

    /** From now on a signal stops {@code engine} and closes the store. */
    void install(SearchEngine engine) {
        this.engine = engine;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True when a signal stopped the search: the run is not finished, only closed. */
    boolean requested() {
        return requested;
    }

    /** The search thread closed the store after a signal: report it and let the JVM end. */
    void closedAfterSignal(SearchStatus status) {
        if (forced) {
            return; // the hook closed the store and said so
        }
        try {
            store.recordStatus(status);
            store.close();
            say(status, "");
        } catch (StoreException e) {
            err.println("optsearch: " + e.getMessage());
            err.flush();
        } finally {
            storeDone.countDown();
        }
    }

    /** The search thread is done with the store (finished and closed, or failed): the hook need not wait. */
    void release() {
        storeDone.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running; it returns at once now
        }
    }

    private void onSignal() {
        requested = true;
        engine.stop();
        try {
            if (storeDone.await(GRACE_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forced = true;
        try {
            store.close();
            say(engine.status(), String.format(Locale.ROOT, "; trainings still running after %d s were not "
                    + "recorded (--resume runs them again)", GRACE_SECONDS));
        } catch (StoreException e) {
            err.println("optsearch: " + e.getMessage());
            err.flush();
        }
    }

    private void say(SearchStatus s, String more) {
        if (said.getAndSet(true)) {
            return;
        }
        String file = store.file().toString();
        err.printf(Locale.ROOT, "%nsearch: stopped by a signal after %d evaluations (best A fitness %.4f); the store "
                + "%s is closed%s.%n  continue it:  optsearch search --resume %s%n"
                + "  its report:   optsearch report --store %s%n", s.evaluated(), s.bestA(), file, more, file, file);
        err.flush();
    }

    /** Passes events on to the store until the hook has closed it, then drops them. */
    private static final class Guarded extends ForwardingListener {
        private final BooleanSupplier closed;

        Guarded(RunStore store, BooleanSupplier closed) {
            super(store);
            this.closed = closed;
        }

        @Override
        protected void forward(Runnable event) {
            if (closed.getAsBoolean()) {
                return;
            }
            try {
                event.run();
            } catch (StoreException e) {
                if (!closed.getAsBoolean()) {
                    throw e; // a real write failure: the engine reports it
                }
            }
        }
    }
}
