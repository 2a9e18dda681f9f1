package org.optsearch.cluster;

/**
 * How the coordinator runs its cluster.
 *
 * @param listen           where it listens (loopback unless a token is given)
 * @param slots            evaluations it runs itself, besides its workers; may be 0
 * @param secret           the shared secret
 * @param retries          times an evaluation is sent again before it is scored failed
 * @param heartbeatSeconds a member silent this long is taken for dead (Hazelcast's heartbeat timeout)
 */
public record ClusterSettings(HostPort listen, int slots, Secret secret, int retries, int heartbeatSeconds) {

    public ClusterSettings {
        if (slots < 0) {
            throw new IllegalArgumentException("--slots must be >= 0, got " + slots);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        boolean loopback;
        try {
            loopback = listen.loopback();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--listen " + listen + ": " + e.getMessage());
        }
        if (!loopback && !secret.given()) {
            throw new IllegalArgumentException("--listen " + listen + " is not a loopback address: give a shared "
                    + "secret with --token or the environment variable OPTSEARCH_TOKEN (workers need the same)");
        }
    }

    /** The defaults: 2 retries, a member silent for 15 s is dead. */
    public static ClusterSettings of(HostPort listen, int slots, Secret secret) {
        return new ClusterSettings(listen, slots, secret, 2, 15);
    }
}
