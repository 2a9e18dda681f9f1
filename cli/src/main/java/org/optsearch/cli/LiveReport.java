package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoredRun;

/**
 * The HTML report of a search while it runs: read from its store (which the search keeps writing) and
 * written next to it, every so often ({@code --live}); the final report replaces it at the end. A
 * failure to write it is said once and the search goes on.
 */
final class LiveReport {
    private final Path store;
    private final PrintWriter err;
    private boolean warned;

    LiveReport(Path store, PrintWriter err) {
        this.store = store;
        this.err = err;
    }

    void write() {
        try (StoredRun run = RunStore.open(store)) {
            RunReports.write(List.of(RunReports.data(run)), RunReports.htmlNextTo(store), "the search goes on "
                    + "without its live report");
        } catch (RuntimeException e) {
            if (!warned) {
                warned = true;
                synchronized (err) {
                    err.println("  warning: the live report could not be written (" + e.getMessage() + "); the "
                            + "search goes on, the report is written at the end");
                    err.flush();
                }
            }
        }
    }
}
