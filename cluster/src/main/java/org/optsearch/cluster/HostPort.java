package org.optsearch.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address given on the command line ({@code HOST:PORT}, or {@code HOST} with a default port). */
public record HostPort(String host, int port) {
    /** Hazelcast's usual port; the coordinator listens there unless told otherwise. */
    public static final int DEFAULT_PORT = 5701;

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        }
    }

    /** Parses {@code HOST:PORT} or {@code HOST}; {@code option} names the flag in errors. */
    public static HostPort parse(String text, String option) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new HostPort(t, DEFAULT_PORT);
        }
        try {
            return new HostPort(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not HOST:PORT (e.g. 127.0.0.1:5701)");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": '" + text + "': " + e.getMessage());
        }
    }

    /** The host's address; an unknown host is an IllegalArgumentException naming it. */
    public InetAddress address() {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }

    /** Whether the host is this machine's loopback (127.0.0.0/8, ::1, localhost). */
    public boolean loopback() {
        return address().isLoopbackAddress();
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
