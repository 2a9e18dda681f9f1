package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.optsearch.report.RunData;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreException;
import org.optsearch.store.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch report}: one self-contained HTML page from one or more run stores. */
@Command(name = "report",
        header = "Write the HTML report of one or more stored runs (one line per run in every plot).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "A single offline HTML file: fitness over time (best and population median), cache hit rates "
                + "and redundancy, the meta-validation curve, learning curves of the best programs on stages B and C, "
                + "and the top programs with their scores. Give several --store to compare runs, e.g. of the three "
                + "modes.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:a store is missing, damaged or from another version, the report cannot be "
                + "written there, or bad usage"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "FILE", description = "A run store (.db); repeatable.")
    private List<Path> stores;

    @Option(names = "--out", paramLabel = "FILE", description = "The HTML file (default: next to the first store, "
            + ".html instead of .db).")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        List<RunData> runs = new ArrayList<>();
        for (Path p : stores) {
            try (StoredRun run = RunStore.open(p)) {
                runs.add(RunReports.data(run));
            } catch (StoreException e) {
                throw new CliException(e.getMessage());
            }
        }
        Path html = out != null ? out : RunReports.htmlNextTo(stores.get(0));
        RunReports.write(runs, html, "give another file with --out, e.g. --out report.html, in a folder you can "
                + "write to");
        o.println("report: " + html);
        o.flush();
        return 0;
    }
}
