package org.optsearch.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.optsearch.lang.Program;
import org.optsearch.search.Evaluator;
import org.optsearch.search.Score;
import org.optsearch.search.StageName;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.train.run.Task;
import org.optsearch.train.task.Tasks;
import org.optsearch.train.task.spec.TaskSpecs;

/**
 * A worker's side of the calls: checks each request's HMAC, resolves its tasks (built-in ones from the
 * jar, a task file's data by hash from its cache, fetched once from the coordinator), and evaluates
 * through the search's own {@link Evaluator}, so that a worker computes exactly what the coordinator
 * would: calibrated on stage A, at the multiplier sent on A2, B and C, against the reference sent (the
 * calibrated start program), scored against the start program's results the coordinator sends with each
 * evaluation (trained here once per stage and kept only when none are sent).
 */
final class WorkerRuntime {
    private final Secret secret;
    private final int slots;
    private final Path cache;
    private final Consumer<String> log;
    private final String describe;
    private final Map<Wire.TaskRef, Task> tasks = new ConcurrentHashMap<>();
    private final Map<EvaluatorKey, Evaluator> evaluators = new ConcurrentHashMap<>();
    private final AtomicLong evaluated = new AtomicLong();

    /**
     * What makes two stages the same: the reference program, the stage whose tasks they are (A for A2: the two
     * share the start program's results), the tasks, the hurdle factor and the calibration plan.
     */
    private record EvaluatorKey(String start, StageName stage, List<Wire.TaskRef> tasks, double hurdleFactor,
            Calibration.Plan calibration) {
    }

    WorkerRuntime(Secret secret, int slots, Path cache, Consumer<String> log, String describe) {
        this.secret = secret;
        this.slots = slots;
        this.cache = cache;
        this.log = log;
        this.describe = describe;
    }

    /** This worker's member id in the cluster {@code hz} (a new one each time it joins). */
    private static java.util.UUID self(HazelcastInstance hz) {
        return hz.getCluster().getLocalMember().getUuid();
    }

    long evaluated() {
        return evaluated.get();
    }

    Calls.Welcome welcome(byte[] nonce, HazelcastInstance hz) {
        return new Calls.Welcome(slots, describe, secret.mac(Calls.Welcome.canonical(nonce, slots, describe,
                self(hz))));
    }

    Wire.SignedReply evaluate(Wire.SignedRequest signed, HazelcastInstance hz) {
        Wire.Request r = signed.request();
        if (!secret.verify(r.canonical(), signed.mac())) {
            log.accept("refused an evaluation not signed with this worker's token");
            throw new SecurityException("the evaluation is not signed with the worker's token");
        }
        log.accept(String.format(Locale.ROOT, "evaluating %d (%s on stage %s)", r.id(), r.name(), r.stage()));
        long startNanos = System.nanoTime();
        Score score;
        String problem = null;
        Evaluator evaluator;
        try {
            evaluator = evaluator(r, hz);
            Evaluator.References given = r.references();
            if (given != null) {
                evaluator.adopt(r.stage(), given); // as the coordinator trained them: nothing to train here
            }
            // else trained here on a stage's first evaluation, before the candidate's clock starts
            evaluator.reference(r.stage());
        } catch (RuntimeException e) {
            // this worker cannot score anything on the stage (a task it does not have, data it cannot fetch, a
            // start program that fails here): not the candidate's fault, so the coordinator sends it elsewhere
            log.accept("cannot evaluate on stage " + r.stage() + ": " + e.getMessage());
            throw new IllegalStateException("cannot evaluate on stage " + r.stage() + " there: " + e.getMessage(), e);
        }
        try {
            score = evaluator.evaluate(r.stage(), Program.parse(r.candidate()), r.name(), r.multiplier(),
                    System.nanoTime() + r.limitNanos());
        } catch (RuntimeException | Error e) {
            problem = "evaluation on stage " + r.stage() + " failed: " + e;
            score = Score.failure("error: " + e);
        }
        evaluated.incrementAndGet();
        Wire.Reply reply = Wire.Reply.of(r, describe, score, problem);
        log.accept(String.format(Locale.ROOT, "evaluated %d: fitness %.4f (%.1f s)%s", r.id(), score.fitness(),
                (System.nanoTime() - startNanos) / 1e9, problem == null ? "" : "; " + problem));
        return new Wire.SignedReply(reply, secret.mac(reply.canonical(self(hz))));
    }

    private Evaluator evaluator(Wire.Request r, HazelcastInstance hz) {
        EvaluatorKey key = new EvaluatorKey(r.start(), Evaluator.tasksOf(r.stage()), r.tasks(), r.hurdleFactor(),
                r.plan());
        Evaluator e = evaluators.get(key);
        if (e == null) {
            if (evaluators.size() > 16) {
                evaluators.clear(); // another run's stages: train the references again when asked
            }
            List<Task> resolved = r.tasks().stream().map(t -> task(t, hz)).toList();
            e = evaluators.computeIfAbsent(key, k -> Evaluator.of(Program.parse(k.start()), k.stage(), resolved,
                    k.hurdleFactor(), k.calibration()));
        }
        return e;
    }

    private Task task(Wire.TaskRef ref, HazelcastInstance hz) {
        return tasks.computeIfAbsent(ref, t -> {
            if (t.spec() == null) {
                return Tasks.resolve(t.name());
            }
            for (Wire.DataFile f : t.files()) {
                fetch(f, hz);
            }
            return Tasks.fromSpec(TaskSpecs.parse(t.spec(), TaskSpecs.Format.JSON, cache, t.name()), t.name());
        });
    }

    /** Makes sure the cache holds {@code f}, fetching it from the coordinator by hash when it does not. */
    private void fetch(Wire.DataFile f, HazelcastInstance instance) {
        Path target = cache.resolve(TaskFiles.cachedName(f));
        if (Files.isRegularFile(target)) {
            return;
        }
        Member coordinator = instance.getCluster().getMembers().stream().filter(Members::isCoordinator).findFirst()
                .orElseThrow(() -> new IllegalStateException("no coordinator to fetch " + f.name() + " from"));
        try {
            Files.createDirectories(cache);
            Path part = Files.createTempFile(cache, f.sha256(), ".part");
            try (OutputStream out = Files.newOutputStream(part)) {
                long offset = 0;
                while (offset < f.size()) {
                    byte[] chunk = instance.getExecutorService(Calls.CONTROL)
                            .submitToMember(new Calls.Fetch(f.sha256(), offset, secret), coordinator).get();
                    if (chunk.length == 0) {
                        break;
                    }
                    out.write(chunk);
                    offset += chunk.length;
                }
            }
            String got = TaskFiles.sha256(part);
            if (!got.equals(f.sha256())) {
                Files.deleteIfExists(part);
                throw new IllegalStateException("data file " + f.name() + " arrived with hash " + got + ", not "
                        + f.sha256());
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.accept("cached data file " + f.name() + " (" + f.size() + " bytes) as " + target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache data file " + f.name() + " in " + cache + ": "
                    + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot fetch data file " + f.name() + ": " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching data file " + f.name(), e);
        }
    }
}
