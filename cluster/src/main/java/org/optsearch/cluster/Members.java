package org.optsearch.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The Hazelcast configuration of both kinds of member. The coordinator is the one data member; workers
 * are lite members (they hold no data, so one that dies loses nothing). Discovery is a TCP-IP member
 * list (the coordinator's address), multicast and auto-detection are off, phone-home is off, logging is
 * quiet, sockets bind to the given address only, and Java deserialization accepts only this project's
 * classes and the JDK's.
 */
final class Members {
    /** The member attribute saying what a member is. */
    static final String ROLE = "optsearch.role";
    static final String COORDINATOR = "coordinator";
    static final String WORKER = "worker";

    /** Hazelcast's own log: none, unless -Doptsearch.hazelcast.logging=jdk asks for it (to diagnose a join). */
    private static final String LOGGING = System.getProperty("optsearch.hazelcast.logging", "none");

    static {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", LOGGING); // read once, before any config
        }
    }

    private Members() {
    }

    static boolean isCoordinator(Member m) {
        return COORDINATOR.equals(m.getAttribute(ROLE));
    }

    /** The coordinator: listens at {@code listen}, the only address in its member list. */
    static Config coordinator(HostPort listen, Secret secret, int heartbeatSeconds) {
        Config config = common(secret, listen.address(), listen.port(), heartbeatSeconds);
        config.getNetworkConfig().getJoin().getTcpIpConfig().addMember(listen.toString());
        config.getMemberAttributeConfig().setAttribute(ROLE, COORDINATOR);
        config.addExecutorConfig(new ExecutorConfig(Calls.CONTROL).setPoolSize(4));
        return config;
    }

    /**
     * A worker with {@code slots} evaluation threads, joining the coordinator at {@code join}, listening on
     * {@code port} (0: a free one).
     */
    static Config worker(HostPort join, Secret secret, int slots, int port, int heartbeatSeconds) {
        InetAddress bind = bindAddressFor(join);
        Config config = common(secret, bind, port == 0 ? freePort(bind) : usablePort(bind, port), heartbeatSeconds);
        config.setLiteMember(true);
        config.getNetworkConfig().getJoin().getTcpIpConfig().addMember(join.toString());
        config.getMemberAttributeConfig().setAttribute(ROLE, WORKER);
        config.addExecutorConfig(new ExecutorConfig(Calls.EVALUATE).setPoolSize(Math.max(1, slots)));
        config.addExecutorConfig(new ExecutorConfig(Calls.CONTROL).setPoolSize(2));
        return config;
    }

    private static Config common(Secret secret, InetAddress bind, int port, int heartbeatSeconds) {
        Config config = new Config();
        config.setClusterName(secret.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", LOGGING);
        // no shutdown hook of its own: on Ctrl-C the coordinator first takes in the evaluations in flight
        // (its search closes the store), then leaves; a worker leaves from its command's hook
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.join.seconds", "5");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(heartbeatSeconds));
        config.setProperty("hazelcast.jmx", "false");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        boolean any = bind.isAnyLocalAddress();
        config.setProperty("hazelcast.socket.bind.any", Boolean.toString(any));
        if (!any) {
            config.setProperty("hazelcast.local.localAddress", bind.getHostAddress());
        }
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        if (!any) {
            network.getInterfaces().setEnabled(true).addInterface(bind.getHostAddress());
        }
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setWhitelist(new ClassFilter().addPrefixes("org.optsearch.", "java.", "[")));
        return config;
    }

    /**
     * Where a worker listens: loopback when the coordinator is on loopback, else the local address this
     * machine reaches the coordinator from (learned from the routing table; nothing is sent).
     */
    static InetAddress bindAddressFor(HostPort join) {
        InetAddress target = join.address();
        if (target.isLoopbackAddress()) {
            return target;
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(target, join.port()));
            return probe.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException("no route to the coordinator at " + join + ": " + e.getMessage(), e);
        }
    }

    /** {@code port} when this machine can listen on it at {@code bind}; else why not, with the fix. */
    static int usablePort(InetAddress bind, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bind, port), 1);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ":" + port + " (--port): "
                    + e.getMessage() + "; another process holds it, or it needs privileges: pick another port, or "
                    + "leave --port out for a free one", e);
        }
    }

    private static int freePort(InetAddress bind) {
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ": " + e.getMessage(), e);
        }
    }
}
