package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.optsearch.search.Finalist;
import org.optsearch.report.RunData;
import org.optsearch.search.ResumeState;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchResult;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreException;
import org.optsearch.store.StoredRun;

/**
 * One search run recorded in a run store: the store is created (or opened to continue) before any
 * work, receives every event, a status snapshot every two seconds, and the final summary; Ctrl-C or kill
 * (SIGINT, SIGTERM) stops the workers and closes the store cleanly, unfinished ({@link StopOnSignal}).
 * Then the HTML report is written next to it.
 */
final class StoredSearch {
    private StoredSearch() {
    }

    /** A finished run: its engine (for the finale), its result and its store file. */
    record Outcome(SearchEngine engine, SearchResult result, Path store) {
    }

    /** Runs the search; {@code store} may be null (--no-store): then nothing is recorded. */
    @SuppressWarnings("try") // the status line only needs closing
    static Outcome run(SearchConfig config, RunStore store, ResumeState resume, PrintWriter err, boolean statusLine) {
        if (store == null) {
            SearchEngine engine = new SearchEngine(config, name -> TaskOptions.resolve(name, null, null),
                    new org.optsearch.search.SearchListener() { }, System::nanoTime, resume);
            try (StatusLine status = StatusLine.start(err, engine::status, statusLine)) {
                return new Outcome(engine, engine.run(), null);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        StopOnSignal onSignal = new StopOnSignal(store, err);
        SearchEngine engine = new SearchEngine(config, name -> TaskOptions.resolve(name, null, null),
                onSignal.listener(), System::nanoTime, resume);
        ScheduledExecutorService snapshots = Executors.newSingleThreadScheduledExecutor(r -> {
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
        onSignal.install(engine);
        SearchResult result;
        try {
            try (StatusLine status = StatusLine.start(err, engine::status, statusLine)) {
                result = engine.run();
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            } finally {
                snapshots.shutdownNow();
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
}
