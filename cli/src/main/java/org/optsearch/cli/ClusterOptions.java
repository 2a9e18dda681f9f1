package org.optsearch.cli;

import java.io.PrintWriter;
import org.optsearch.cluster.ClusterSettings;
import org.optsearch.cluster.Dispatcher;
import org.optsearch.cluster.HostPort;
import org.optsearch.cluster.Secret;
import org.optsearch.search.SearchConfig;
import picocli.CommandLine.Option;

/**
 * {@code --cluster} and its options on {@code optsearch search}: this process becomes the coordinator and
 * sends evaluations to worker JVMs ({@code optsearch worker}); see docs/cluster.md.
 */
final class ClusterOptions {
    /** The environment variable a token may come from instead of --token (which shows in process lists). */
    static final String TOKEN_VARIABLE = "OPTSEARCH_TOKEN";

    @Option(names = "--cluster", description = "Be the coordinator of a cluster: evaluations go to worker JVMs "
            + "started with 'optsearch worker --join HOST:PORT' (see docs/cluster.md).")
    boolean on;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:5701", description = "With "
            + "--cluster: where workers join (default: ${DEFAULT-VALUE}); any other than loopback needs --token.")
    String listen;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "0", description = "With --cluster: evaluations "
            + "this process runs itself besides its workers (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--token", paramLabel = "SECRET", description = "With --cluster: the shared secret workers "
            + "must hold (default: the environment variable OPTSEARCH_TOKEN); never printed or stored.")
    String token;

    /** The token given, or from the environment; null when none. */
    static String token(String given) {
        return given != null ? given : System.getenv(TOKEN_VARIABLE);
    }

    /** The coordinator's settings, or a user error naming the flag. */
    ClusterSettings settings() {
        try {
            return ClusterSettings.of(HostPort.parse(listen, "--listen"), slots, Secret.of(token(token)));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** Starts the coordinator's side; cluster events are said on {@code err}. */
    static Dispatcher start(SearchConfig config, ClusterSettings settings, PrintWriter err) {
        try {
            Dispatcher d = Dispatcher.start(config, settings, line -> {
                synchronized (err) {
                    err.println("  cluster: " + line);
                    err.flush();
                }
            });
            err.printf("  cluster: coordinator listening on %s, %d slot(s) of its own; start workers with: "
                    + "optsearch worker --join %s%n", settings.listen(), settings.slots(), settings.listen());
            err.flush();
            return d;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException("--cluster: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new CliException("--cluster: cannot listen on " + settings.listen() + ": " + e.getMessage());
        }
    }
}
