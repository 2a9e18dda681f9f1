package org.optsearch.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of a cluster (--token or OPTSEARCH_TOKEN). It names the Hazelcast cluster (a
 * member with another token is refused at join) and keys an HMAC-SHA256 over every evaluation sent
 * and every result returned, so that a process that only learned the cluster name can neither be
 * given work nor hand in a result. Without a token (loopback only) a fixed key is used: any local
 * process may then join. Never printed: {@link #toString()} hides it.
 */
public final class Secret {
    private static final byte[] LOOPBACK = "optsearch loopback cluster".getBytes(StandardCharsets.UTF_8);

    private final byte[] key;
    private final boolean given;

    private Secret(byte[] key, boolean given) {
        this.key = key;
        this.given = given;
    }

    /** The secret from a token; null or empty: the loopback secret. */
    public static Secret of(String token) {
        if (token == null || token.isEmpty()) {
            return new Secret(LOOPBACK, false);
        }
        if (token.length() < 12) {
            throw new IllegalArgumentException("the token is too short (" + token.length() + " characters); use at "
                    + "least 12, e.g. the output of: head -c 24 /dev/urandom | base64");
        }
        return new Secret(token.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Whether a token was given (required to listen on, or join, anything but loopback). */
    public boolean given() {
        return given;
    }

    /** The Hazelcast cluster name: a hash of the secret, so that it says nothing of the secret itself. */
    public String clusterName() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("optsearch cluster name\0".getBytes(StandardCharsets.UTF_8));
            return "optsearch-" + HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** HMAC-SHA256 of {@code message} under the secret. */
    public byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code mac} is the secret's HMAC of {@code message} (compared in constant time). */
    public boolean verify(byte[] message, byte[] mac) {
        return mac != null && MessageDigest.isEqual(mac(message), mac);
    }

    @Override
    public String toString() {
        return given ? "Secret[given, hidden]" : "Secret[loopback]";
    }
}
