package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.optsearch.cluster.ClusterSettings;
import org.optsearch.cluster.Dispatcher;
import org.optsearch.search.Finalist;
import org.optsearch.report.RunData;
import org.optsearch.search.SearchState;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.Candidate;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchResult;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreException;
import org.optsearch.store.StoredRun;
import org.optsearch.train.run.Task;

/**
 * One search run recorded in a run store: its tasks are resolved first, then the store is created (or
 * opened to continue), receives every event, a status snapshot every two seconds, and the final summary;
 * Ctrl-C or kill (SIGINT, SIGTERM) stops the workers and closes
 * the store cleanly, unfinished ({@link StopOnSignal}). Then the HTML report is written next to it. A run
 * that fails before its first event leaves no store behind.
 */
final class StoredSearch {
    private StoredSearch() {
    }

    /**
     * What a search runs with besides its config: the cluster's settings (null: this JVM's threads) and
     * how often the HTML report is rewritten while it runs (seconds; 0: only at the end).
     */
    record Setup(ClusterSettings cluster, int liveSeconds) {
        static final Setup DEFAULT = new Setup(null, 30);
    }

    /** A finished run: its engine (for the finale), its result and its store file. */
    record Outcome(SearchEngine engine, SearchResult result, Path store) {
    }

    /**
     * Every task of the config's stages, read now, so that an unknown task or bad data is named before a
     * store is made; the engine asks the result for them.
     */
    static Function<String, Task> resolveTasks(SearchConfig config) {
        Map<String, Task> tasks = new LinkedHashMap<>();
        for (List<String> stage : List.of(config.stageA(), config.stageB(), config.stageC())) {
            for (String name : stage) {
                tasks.computeIfAbsent(name, n -> TaskOptions.resolve(n, null, null));
            }
        }
        return name -> tasks.computeIfAbsent(name, n -> TaskOptions.resolve(n, null, null));
    }

    /**
     * Runs the search on tasks from {@link #resolveTasks}; {@code store} may be null (--no-store): then
     * nothing is recorded. When the run fails, the store is closed, and removed if this run created it and it
     * got no event.
     */
    static Outcome run(SearchConfig config, Function<String, Task> tasks, RunStore store, SearchState resume,
            PrintWriter err, boolean statusLine) {
        return run(config, tasks, store, resume, err, statusLine, Setup.DEFAULT);
    }

    /** As above, on a cluster when {@code setup} names one, with a live report. */
    static Outcome run(SearchConfig config, Function<String, Task> tasks, RunStore store, SearchState resume,
            PrintWriter err, boolean statusLine, Setup setup) {
        Dispatcher cluster = null;
        try {
            cluster = setup.cluster() == null ? null : ClusterOptions.start(config, setup.cluster(), err);
            return runRecorded(config, tasks, store, resume, err, statusLine, cluster, setup.liveSeconds());
        } catch (RuntimeException e) {
            if (store != null) {
                try {
                    store.discardIfEmpty();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @SuppressWarnings("try") // the status line only needs closing
    private static Outcome runRecorded(SearchConfig config, Function<String, Task> tasks, RunStore store,
            SearchState resume, PrintWriter err, boolean statusLine, Dispatcher cluster, int liveSeconds) {
        if (store == null) {
            SearchEngine engine = new SearchEngine(config, tasks, new Warnings(new SearchListener() { }, err),
                    System::nanoTime, resume);
            if (cluster != null) {
                engine.evaluateOn(cluster);
            }
            try (StatusLine status = StatusLine.start(err, engine::status, engine::poolStatus, engine::budgetSpent,
                    statusLine)) {
                return new Outcome(engine, engine.run(), null);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        StopOnSignal onSignal = new StopOnSignal(store, err);
        SearchEngine engine = new SearchEngine(config, tasks, new Warnings(onSignal.listener(), err), System::nanoTime,
                resume);
        if (cluster != null) {
            engine.evaluateOn(cluster);
        }
        ScheduledExecutorService snapshots = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "store-status");
            t.setDaemon(true);
            return t;
        });
        snapshots.scheduleAtFixedRate(() -> {
            store.recordStatus(engine.status());
            if (store.failure() != null) {
                engine.stop();
            }
        }, 2, 2, TimeUnit.SECONDS);
        if (liveSeconds > 0) {
            LiveReport live = new LiveReport(store.file(), err);
            snapshots.scheduleWithFixedDelay(live::write, liveSeconds, liveSeconds, TimeUnit.SECONDS);
        }
        onSignal.install(engine);
        SearchResult result;
        try {
            try (StatusLine status = StatusLine.start(err, engine::status, engine::poolStatus, engine::budgetSpent,
                    statusLine)) {
                result = engine.run();
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            } finally {
                stopAndWait(snapshots);
            }
            if (onSignal.requested()) {
                // Ctrl-C or kill: the JVM is shutting down. The run is not finished, only closed: --resume goes on.
                onSignal.closedAfterSignal(result.status());
                throw CliException.reported();
            }
            store.recordStatus(engine.status());
            store.finish(result);
            store.close();
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        } finally {
            onSignal.release();
        }
        return new Outcome(engine, result, store.file());
    }

    /** Stops the status snapshots and the live report, and waits for one being written (the final one follows). */
    private static void stopAndWait(ScheduledExecutorService snapshots) {
        snapshots.shutdownNow();
        try {
            snapshots.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Records the end-of-search comparison (finalists, the start program, Lion) in the store of
     * {@code best}, then writes the report of the given stores next to the first; returns its path.
     */
    static Path report(List<Path> stores, Path best, List<Finalist> finalists) {
        try {
            RunStore.recordFinale(best, finalists);
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        }
        List<RunData> runs = new java.util.ArrayList<>();
        for (Path p : stores) {
            try (StoredRun run = RunStore.open(p)) {
                runs.add(RunReports.data(run));
            }
        }
        Path html = RunReports.htmlNextTo(stores.get(0));
        RunReports.write(runs, html, "the run is kept in " + best + "; write its report elsewhere with: optsearch "
                + "report --store " + best + " --out FILE");
        return html;
    }

    /**
     * Passes every event on, and prints the problems of the whole search (a stage skipped because the start
     * program gives no reference there) to stderr as they happen: at the start, not at the end.
     */
    static final class Warnings extends ForwardingListener {
        private final PrintWriter err;

        Warnings(SearchListener inner, PrintWriter err) {
            super(inner);
            this.err = err;
        }

        @Override
        public void note(String what) {
            super.note(what);
            synchronized (err) {
                err.println("  note: " + what);
                err.flush();
            }
        }

        @Override
        public void problem(Candidate candidate, String what) {
            super.problem(candidate, what);
            if (candidate == null) {
                synchronized (err) {
                    err.println("  warning: " + what);
                    err.flush();
                }
            }
        }
    }
}
