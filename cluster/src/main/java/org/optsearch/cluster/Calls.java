package org.optsearch.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The calls one member makes on another through Hazelcast's executor: evaluate (coordinator to worker),
 * hello (coordinator to a new worker, before it gets work), fetch a data file chunk (worker to
 * coordinator). Each finds its member's side through the instance's user context and checks the
 * HMAC of what it was sent before doing anything.
 */
final class Calls {
    /** User-context keys: the worker's runtime, the coordinator's file server. */
    static final String WORKER = "optsearch.worker";
    static final String FILES = "optsearch.files";
    /** Executors: evaluations (as many threads as the worker has slots), and the small control calls. */
    static final String EVALUATE = "optsearch-evaluate";
    static final String CONTROL = "optsearch-control";
    /** Largest chunk of a data file one fetch returns. */
    static final int CHUNK = 4 << 20;

    private Calls() {
    }

    private abstract static class OnMember<T> implements Callable<T>, Serializable, HazelcastInstanceAware {
        private static final long serialVersionUID = 1L;
        transient HazelcastInstance instance;

        @Override
        public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
            this.instance = hazelcastInstance;
        }

        @SuppressWarnings("unchecked")
        <R> R side(String key) {
            Object o = instance.getConfig().getUserContext().get(key);
            if (o == null) {
                throw new IllegalStateException("this member is not an optsearch " + (key.equals(WORKER) ? "worker"
                        : "coordinator"));
            }
            return (R) o;
        }
    }

    /** Runs one evaluation on a worker. */
    static final class Evaluate extends OnMember<Wire.SignedReply> {
        private static final long serialVersionUID = 1L;
        private final Wire.SignedRequest request;

        Evaluate(Wire.SignedRequest request) {
            this.request = request;
        }

        @Override
        public Wire.SignedReply call() {
            return this.<WorkerRuntime>side(WORKER).evaluate(request, instance);
        }
    }

    /**
     * A worker's answer to hello: its slots, and the HMAC of the nonce it was sent with them and its own
     * member id (so that a member cannot pass on another's answer as its own).
     */
    record Welcome(int slots, String describe, byte[] mac) implements Serializable {
        static byte[] canonical(byte[] nonce, int slots, String describe, java.util.UUID member) {
            return new Canonical("hello").text(java.util.HexFormat.of().formatHex(nonce)).number(slots)
                    .text(describe).text(member.toString()).bytes();
        }
    }

    /** Asks a new member to prove it holds the secret and to say how many slots it has. */
    static final class Hello extends OnMember<Welcome> {
        private static final long serialVersionUID = 1L;
        private final byte[] nonce;

        Hello(byte[] nonce) {
            this.nonce = nonce.clone();
        }

        @Override
        public Welcome call() {
            return this.<WorkerRuntime>side(WORKER).welcome(nonce, instance);
        }
    }

    /** A chunk of a served data file, asked for by hash; the asker proves it holds the secret. */
    static final class Fetch extends OnMember<byte[]> {
        private static final long serialVersionUID = 1L;
        private final String sha256;
        private final long offset;
        private final byte[] mac;

        Fetch(String sha256, long offset, Secret secret) {
            this.sha256 = sha256;
            this.offset = offset;
            this.mac = secret.mac(canonical(sha256, offset));
        }

        private static byte[] canonical(String sha256, long offset) {
            return new Canonical("fetch").text(sha256).number(offset).bytes();
        }

        @Override
        public byte[] call() {
            Served files = side(FILES);
            if (!files.secret().verify(canonical(sha256, offset), mac)) {
                throw new SecurityException("a data file was asked for without the cluster's token");
            }
            Path file = files.files().served(sha256);
            if (file == null) {
                throw new IllegalArgumentException("no data file with hash " + sha256 + " is served");
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(offset);
                byte[] chunk = in.readNBytes(CHUNK);
                return Arrays.copyOf(chunk, chunk.length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The coordinator's side of {@link Fetch}. */
    record Served(TaskFiles files, Secret secret) {
    }
}
