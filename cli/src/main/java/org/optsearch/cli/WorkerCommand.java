package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import org.optsearch.cluster.HostPort;
import org.optsearch.cluster.Secret;
import org.optsearch.cluster.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch worker}: a worker JVM of a clustered search (docs/cluster.md). */
@Command(name = "worker",
        header = "Evaluate candidates for a clustered search (optsearch search --cluster).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Joins the coordinator at HOST:PORT and trains the candidates it sends, N at a time, until stopped "
                    + "(Ctrl-C). When the coordinator is not there (not started yet, or killed and resumed later) "
                    + "it waits and joins again by itself. Built-in tasks come from this jar; a task file's data "
                    + "files are fetched from the coordinator once and cached by content hash."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "2:bad usage (an address that is not loopback without a token, bad --slots, a --port it cannot listen on)"})
final class WorkerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT", required = true, description = "The coordinator's "
            + "--listen address, e.g. 127.0.0.1:5701.")
    private String join;

    @Option(names = "--slots", paramLabel = "N", description = "Evaluations at once (default: the number of cores).")
    private Integer slots;

    @Option(names = "--port", paramLabel = "PORT", description = "The port this worker listens on (the "
            + "coordinator connects back to it; open it in a firewall); default: a free one.")
    private int port;

    @Option(names = "--token", paramLabel = "SECRET", description = "The coordinator's shared secret (default: "
            + "the environment variable OPTSEARCH_TOKEN); needed for any address but loopback.")
    private String token;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where task-file data is cached by hash (default: "
            + "~/.cache/optsearch/data).")
    private Path cache;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        int n = slots != null ? slots : Runtime.getRuntime().availableProcessors();
        Path dir = cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "optsearch", "data");
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
        Worker worker;
        try {
            worker = new Worker(HostPort.parse(join, "--join"), Secret.of(ClusterOptions.token(token)), n, port, dir,
                    line -> {
                        synchronized (err) {
                            err.println(LocalTime.now().format(clock) + " worker: " + line);
                            err.flush();
                        }
                    });
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.stop();
            main.interrupt();
        }, "worker-stop"));
        try {
            worker.run();
        } catch (InterruptedException e) {
            return 0;
        }
        return 0;
    }
}
