package org.optsearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchStatus;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreException;
import org.optsearch.store.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch runs}: the stored runs in a folder. */
@Command(name = "runs", header = "List the stored runs in a folder (default: runs/).", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:listed", "2:the folder does not exist"})
final class RunsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The folder (default: runs).")
    private Path dir = Path.of("runs");

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new CliException("no such folder: " + dir + " (runs are stored under runs/ by 'optsearch search')");
        }
        List<Path> stores;
        try (Stream<Path> files = Files.list(dir)) {
            stores = files.filter(p -> p.toString().endsWith(".db")).sorted().toList();
        }
        out.printf(Locale.ROOT, "%-28s %-20s %-9s %-12s %10s %10s %8s%n", "store", "started", "mode", "budget",
                "used", "evaluated", "best A");
        for (Path p : stores) {
            try (StoredRun run = RunStore.open(p)) {
                SearchConfig c = run.config();
                List<StoredRun.StatusPoint> series = run.statusSeries();
                SearchStatus s = series.isEmpty() ? null : series.get(series.size() - 1).status();
                out.printf(Locale.ROOT, "%-28s %-20s %-9s %-12s %10s %10s %8s%s%n", p.getFileName(),
                        run.info().started().toString().substring(0, 19).replace('T', ' '),
                        c.mode().name().toLowerCase(Locale.ROOT), c.budget(),
                        s == null ? "-" : String.format(Locale.ROOT, "%.0fs", s.seconds()),
                        s == null ? "-" : String.valueOf(s.evaluated()),
                        s == null ? "-" : String.format(Locale.ROOT, "%.4f", s.bestA()),
                        run.finished().isPresent() ? "" : "  (unfinished: --resume it)");
            } catch (StoreException e) {
                out.printf(Locale.ROOT, "%-28s %s%n", p.getFileName(), "unreadable: " + e.getMessage());
            }
        }
        out.flush();
        return 0;
    }
}
