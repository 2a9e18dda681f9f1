package org.optsearch.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A worker JVM ({@code optsearch worker --join HOST:PORT}): joins the coordinator as a Hazelcast lite
 * member and evaluates what it is sent, {@code slots} at a time. When there is no coordinator (not
 * started yet, killed, or its token differs, which Hazelcast refuses at join) it leaves and tries again
 * every few seconds, for ever: a coordinator restarted with {@code --resume} finds its workers again
 * with no manual step.
 */
public final class Worker {
    private final HostPort join;
    private final Secret secret;
    private final int slots;
    private final int port;
    private final Consumer<String> log;
    private final WorkerRuntime runtime;
    private volatile boolean stopped;
    private volatile HazelcastInstance current;

    /**
     * @param port  the port this worker listens on (members connect both ways), or 0 for a free one
     * @param cache the folder task-file data is cached in, by content hash
     * @param log   one line per event (joined, left, each evaluation)
     */
    public Worker(HostPort join, Secret secret, int slots, int port, Path cache, Consumer<String> log) {
        if (slots < 1) {
            throw new IllegalArgumentException("--slots must be >= 1, got " + slots);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be a port number from 1 to 65535, got " + port);
        }
        boolean loopback;
        try {
            loopback = join.loopback();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--join " + join + ": " + e.getMessage());
        }
        if (!loopback && !secret.given()) {
            throw new IllegalArgumentException("--join " + join + " is not a loopback address: give the cluster's "
                    + "shared secret with --token or the environment variable OPTSEARCH_TOKEN");
        }
        if (port != 0) {
            try {
                Members.usablePort(Members.bindAddressFor(join), port); // now, not in the join loop's retries
            } catch (java.io.UncheckedIOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        this.join = join;
        this.secret = secret;
        this.slots = slots;
        this.port = port;
        this.log = log;
        this.runtime = new WorkerRuntime(secret, slots, cache, log, describe(slots));
    }

    private static String describe(int slots) {
        return String.format(Locale.ROOT, "%s (pid %d, %d slot%s)", hostName(), ProcessHandle.current().pid(), slots,
                slots == 1 ? "" : "s");
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown host";
        }
    }

    /** Serves coordinators until {@link #stop()} (or the JVM ends). */
    public void run() throws InterruptedException {
        boolean waitingSaid = false;
        while (!stopped) {
            Config config = Members.worker(join, secret, slots, port, 15);
            config.getUserContext().put(Calls.WORKER, runtime);
            HazelcastInstance hz;
            try {
                hz = Hazelcast.newHazelcastInstance(config);
            } catch (RuntimeException e) {
                log.accept("could not start a member to join " + join + " (" + e.getMessage() + "); trying again in 2 s");
                Thread.sleep(2000);
                continue;
            }
            current = hz;
            CountDownLatch gone = new CountDownLatch(1);
            hz.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent e) {
                }

                @Override
                public void memberRemoved(MembershipEvent e) {
                    if (Members.isCoordinator(e.getMember())) {
                        gone.countDown();
                    }
                }
            });
            boolean found = hz.getCluster().getMembers().stream().anyMatch(Members::isCoordinator);
            if (found) {
                log.accept("joined the coordinator at " + join + " with " + slots + " slot" + (slots == 1 ? "" : "s"));
                waitingSaid = false;
                while (!stopped && hz.getLifecycleService().isRunning() && !gone.await(1, TimeUnit.SECONDS)) {
                    // serving: evaluations arrive on Hazelcast's executor threads
                }
                if (!stopped) {
                    log.accept("the coordinator at " + join + " left; waiting for it to come back");
                    waitingSaid = true;
                }
            } else if (!waitingSaid) {
                log.accept("no coordinator at " + join + " yet (or it has another token); trying every 2 s");
                waitingSaid = true;
            }
            hz.shutdown();
            if (!stopped) {
                Thread.sleep(2000);
            }
        }
    }

    /** Leaves the cluster and makes {@link #run()} return. */
    public void stop() {
        stopped = true;
        HazelcastInstance hz = current;
        if (hz != null) {
            hz.shutdown();
        }
    }

    /** Evaluations done so far. */
    public long evaluated() {
        return runtime.evaluated();
    }
}
