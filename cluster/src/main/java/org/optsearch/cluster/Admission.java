package org.optsearch.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A member that joins gets no work until it answers a random challenge with the secret's HMAC over it
 * and its own member id ({@link Calls.Hello}): knowing the cluster name (which travels in clear) is not
 * enough, and neither is passing on another worker's answer.
 */
final class Admission {
    private final HazelcastInstance hz;
    private final Secret secret;
    private final Consumer<String> log;
    private final BiConsumer<Member, Calls.Welcome> admitted;
    private final SecureRandom random = new SecureRandom();

    Admission(HazelcastInstance hz, Secret secret, Consumer<String> log, BiConsumer<Member, Calls.Welcome> admitted) {
        this.hz = hz;
        this.secret = secret;
        this.log = log;
        this.admitted = admitted;
    }

    /**
     * Challenges {@code m} (a worker: a lite member other than this one); admits it when it answers right.
     * A call that fails (the member is still starting) is made again, up to 5 times a second apart.
     */
    void ask(Member m) {
        ask(m, 1);
    }

    private void ask(Member m, int attempt) {
        if (m.localMember() || !m.isLiteMember()) {
            return;
        }
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        hz.getExecutorService(Calls.CONTROL).submitToMember(new Calls.Hello(nonce), m,
                new ExecutionCallback<Calls.Welcome>() {
                    @Override
                    public void onResponse(Calls.Welcome w) {
                        if (w.slots() >= 1 && secret.verify(Calls.Welcome.canonical(nonce, w.slots(), w.describe(),
                                m.getUuid()), w.mac())) {
                            admitted.accept(m, w);
                        } else {
                            log.accept("a member at " + m.getAddress() + " did not prove it holds the token; it gets "
                                    + "no work");
                        }
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        if (attempt < 5 && hz.getCluster().getMembers().contains(m)) {
                            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> ask(m, attempt + 1));
                        } else {
                            log.accept("a member at " + m.getAddress() + " is no optsearch worker (" + t.getMessage()
                                    + "); it gets no work");
                        }
                    }
                });
    }
}
