package org.optsearch.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.optsearch.lang.Program;
import org.optsearch.search.EvaluationPool;
import org.optsearch.search.PoolStatus;
import org.optsearch.search.Score;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.StageName;
import org.optsearch.search.WorkLoop;
import org.optsearch.search.calibrate.Calibration;

/**
 * The coordinator's pool ({@code optsearch search --cluster}): evaluations go to worker JVMs that joined,
 * and to {@code slots} threads of this JVM. A free-slot dispatcher: a job is taken from the search only
 * when some place has a free slot, and sent there; nothing queues on a busy worker, and there is no
 * generation barrier.
 *
 * <p>Faults. A worker that leaves (killed, network gone) fails its evaluations in flight, and each is sent
 * again elsewhere. One that does not answer 1.5 times the evaluation time limit of its stage (plus a
 * second) after it was sent is given up on: the evaluation is sent again, and that worker's slot stays
 * taken until it does answer. An evaluation sent {@code 1 + retries} times without a result is scored failed. Whatever
 * happens, the search hears of each job exactly once ({@link WorkLoop#done}): the first result to arrive
 * wins, later ones are dropped. So evaluations run at least once and are recorded exactly once.
 */
public final class Dispatcher implements EvaluationPool, AutoCloseable {
    /** A job handed out by the search, until its one result is handed in. */
    private static final class Dispatch {
        final long id;
        final SearchEngine.Job job;
        int attempts;
        Attempt current;
        boolean done;

        Dispatch(long id, SearchEngine.Job job) {
            this.id = id;
            this.job = job;
        }
    }

    /** One sending of a dispatch to a place. */
    private record Attempt(Dispatch dispatch, int number, Place place, long startNanos) {
    }

    private final SearchConfig config;
    private final Secret secret;
    private final int retries;
    /** How often the watchdog looks for silent attempts: ten times per stage A's allowance, at most once a second. */
    private final long periodMillis;
    private final Consumer<String> log;
    private final HazelcastInstance hz;
    private final TaskFiles files = new TaskFiles();
    private final Place local;
    private final ExecutorService localThreads;
    private final ScheduledExecutorService watchdog;
    private final Admission admission;
    /** The reference program's text, as the search uses it; set by {@link #run}. */
    private volatile String start;
    private final Map<StageName, List<Wire.TaskRef>> stageTasks = new HashMap<>();
    /** Per stage, the start program's results there as sent to workers ({@link #references}). */
    private final Map<StageName, List<List<Wire.Result>>> references = new HashMap<>();

    private final List<Place> places = new ArrayList<>();
    private final Map<UUID, Place> byMember = new HashMap<>();
    private final Map<Long, Dispatch> open = new HashMap<>();
    private final Deque<Dispatch> resend = new ArrayDeque<>();
    private final Set<Attempt> givenUp = new HashSet<>();
    private long nextId = 1;
    private long retried;
    private int nextWorker;
    private boolean exhausted;
    /** Results handed to the search so far. */
    private long delivered;
    private volatile WorkLoop<SearchEngine.Job> loop;

    private Dispatcher(SearchConfig config, ClusterSettings settings, Consumer<String> log) {
        this.config = config;
        this.secret = settings.secret();
        this.retries = settings.retries();
        long limit = config.evaluationLimit().toNanos();
        this.periodMillis = Math.max(10, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(limit + limit / 2
                + TimeUnit.SECONDS.toNanos(1)) / 10));
        this.log = log;
        stageTasks.put(StageName.A, config.stageA().stream().map(files::ref).toList());
        stageTasks.put(StageName.A2, stageTasks.get(StageName.A)); // stage A's tasks, with the next seed
        stageTasks.put(StageName.B, config.stageB().stream().map(files::ref).toList());
        stageTasks.put(StageName.C, config.stageC().stream().map(files::ref).toList());
        this.local = new Place(null, "this JVM", settings.slots(), 0);
        this.nextWorker = settings.slots();
        places.add(local);
        this.localThreads = Executors.newFixedThreadPool(Math.max(1, settings.slots()), daemon("cluster-local"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("cluster-watchdog"));
        var hzConfig = Members.coordinator(settings.listen(), secret, settings.heartbeatSeconds());
        hzConfig.getUserContext().put(Calls.FILES, new Calls.Served(files, secret));
        this.hz = Hazelcast.newHazelcastInstance(hzConfig);
        this.admission = new Admission(hz, secret, log, this::admitted);
        hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
                admission.ask(e.getMember());
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                left(e.getMember());
            }
        });
        for (Member m : hz.getCluster().getMembers()) {
            admission.ask(m);
        }
        watchdog.scheduleWithFixedDelay(this::giveUpOnSilent, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the coordinator's Hazelcast member on {@code settings.listen()}; task files of the config's
     * stages are hashed now and served to workers from then on.
     *
     * @param log one line per cluster event (a worker joined or left, an evaluation sent again)
     */
    public static Dispatcher start(SearchConfig config, ClusterSettings settings, Consumer<String> log) {
        return new Dispatcher(config, settings, log);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public synchronized PoolStatus status() {
        int workers = 0;
        int slots = 0;
        int busy = 0;
        for (Place p : places) {
            if (!p.gone) {
                workers += p.member != null ? 1 : 0;
                slots += p.slots;
                busy += p.busy;
            }
        }
        return new PoolStatus(workers, slots, Math.min(busy, open.size()), retried);
    }

    /**
     * Fills the free slots, then waits until the search has no more work and every job is in. Slots are
     * filled again by whichever thread hands in a result (no hand-off to this one), and by this one when a
     * worker joins or an evaluation is to be sent again.
     */
    @Override
    public void run(Program reference, WorkLoop<SearchEngine.Job> searchLoop) {
        this.start = reference.print();
        this.loop = searchLoop;
        boolean interrupted = false;
        boolean waitingSaid = false;
        while (true) {
            fill();
            synchronized (this) {
                if (exhausted && open.isEmpty() && resend.isEmpty()) {
                    break;
                }
                if (!waitingSaid && slotsNow() == 0) {
                    log.accept("waiting for workers to join (no slots yet)");
                    waitingSaid = true;
                }
                try {
                    wait(250);
                } catch (InterruptedException e) {
                    interrupted = true;
                    searchLoop.stop(); // finish what is in flight, then return
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** While a slot is free and there is work (to send again, or from the search), sends it. */
    private void fill() {
        while (true) {
            Place place;
            Dispatch d;
            long seen;
            synchronized (this) {
                resend.removeIf(x -> x.done); // a late answer to a given-up attempt came first
                place = freePlace();
                if (place == null || resend.isEmpty() && exhausted) {
                    return;
                }
                place.busy++;
                d = resend.pollFirst();
                seen = delivered;
            }
            if (d == null) {
                SearchEngine.Job job = loop.next();
                synchronized (this) {
                    if (job == null) {
                        place.busy--;
                        // none now; but a result handed in meanwhile may have made some (a promotion): ask again
                        exhausted = delivered == seen;
                        notifyAll();
                        continue;
                    }
                    d = new Dispatch(nextId++, job);
                    open.put(d.id, d);
                }
            }
            send(d, place);
        }
    }

    private Place freePlace() {
        Place best = null;
        for (Place p : places) {
            if (!p.gone && p.busy < p.slots && (best == null || p.slots - p.busy > best.slots - best.busy)) {
                best = p;
            }
        }
        return best;
    }

    private int slotsNow() {
        return places.stream().filter(p -> !p.gone).mapToInt(p -> p.slots).sum();
    }

    private void send(Dispatch d, Place place) {
        Attempt a;
        synchronized (this) {
            a = new Attempt(d, ++d.attempts, place, System.nanoTime());
            d.current = a;
        }
        if (place.member == null) {
            localThreads.execute(() -> {
                Score s;
                try {
                    s = loop.run(d.job);
                } catch (RuntimeException | Error e) {
                    s = Score.failure("error: " + e);
                }
                finished(a, s, null);
            });
            return;
        }
        var c = d.job.candidate();
        SearchEngine.Job job = d.job;
        List<List<Wire.Result>> references = references(job);
        Calibration.Plan plan = job.name() == StageName.B || job.name() == StageName.C ? config.recalibration()
                : config.calibration(); // each stage's own plan: B and C recalibrate around A's multiplier
        Wire.Request r = new Wire.Request(d.id, a.number(), start, job.name(), stageTasks.get(job.name()),
                config.hurdleFactor(), job.multiplier(), plan.multipliers(), plan.rungs(), c.program().print(),
                "candidate " + c.id(),
                config.evaluationLimit(job.name()).toNanos(), references.get(0), references.get(1));
        IExecutorService executor = hz.getExecutorService(Calls.EVALUATE);
        try {
            executor.submitToMember(new Calls.Evaluate(new Wire.SignedRequest(r, secret.mac(r.canonical()))),
                    place.member, new ExecutionCallback<Wire.SignedReply>() {
                        @Override
                        public void onResponse(Wire.SignedReply reply) {
                            received(a, reply);
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            if (left(t)) {
                                synchronized (Dispatcher.this) {
                                    place.gone = true; // before the membership event: send nothing more there
                                }
                            }
                            failed(a, why(place, t));
                        }
                    });
        } catch (RuntimeException e) {
            failed(a, "could not send to " + place.name + ": " + e.getMessage());
        }
    }

    /**
     * The start program's results a job on this stage is scored against, as the search trained them before it
     * began, in the form they travel in; each stage's converted once.
     */
    private List<List<Wire.Result>> references(SearchEngine.Job job) {
        synchronized (references) {
            List<List<Wire.Result>> r = references.get(job.name());
            if (r == null) {
                r = Wire.Request.carrying(loop.references(job));
                references.put(job.name(), r);
            }
            return r;
        }
    }

    private static boolean left(Throwable t) {
        return t instanceof MemberLeftException || t instanceof TargetNotMemberException
                || t instanceof HazelcastInstanceNotActiveException;
    }

    /** Why an evaluation sent to {@code place} brought no result, for people. */
    private static String why(Place place, Throwable t) {
        if (left(t)) {
            return place.name + " left during the evaluation";
        }
        return place.name + " could not evaluate it: " + (t.getMessage() != null ? t.getMessage()
                : t.getClass().getSimpleName());
    }

    private void received(Attempt a, Wire.SignedReply signed) {
        Wire.Reply reply = signed.reply();
        if (!secret.verify(reply.canonical(a.place().member.getUuid()), signed.mac()) || reply.id() != a.dispatch().id
                || reply.attempt() != a.number()) {
            failed(a, "a result from " + a.place().name + " did not match what was sent (wrong id or signature); "
                    + "it was dropped");
            return;
        }
        finished(a, reply.score(), reply.problem());
    }

    /** A result: the dispatch's one result unless another attempt's came first. */
    private void finished(Attempt a, Score score, String problem) {
        Dispatch d = a.dispatch();
        synchronized (this) {
            a.place().busy--;
            a.place().warm.add(d.job.name());
            givenUp.remove(a);
            notifyAll();
            if (d.done) {
                return;
            }
            d.done = true;
        }
        deliver(d, a, score, problem);
    }

    /** An attempt that will bring no result (its worker left, or sending failed). */
    private void failed(Attempt a, String why) {
        Dispatch d = a.dispatch();
        synchronized (this) {
            a.place().busy--;
            boolean wasGivenUp = givenUp.remove(a);
            notifyAll();
            if (d.done || wasGivenUp || d.current != a) {
                return; // already resolved, or already sent again by the watchdog
            }
        }
        retryOrFail(a, why);
    }

    /** Every few hundred ms: an attempt silent past the limit is given up on (its slot stays taken). */
    private void giveUpOnSilent() {
        long now = System.nanoTime();
        List<Attempt> silent = new ArrayList<>();
        synchronized (this) {
            for (Dispatch d : open.values()) {
                Attempt a = d.current;
                if (!d.done && a != null && !givenUp.contains(a) && now - a.startNanos() > allowance(a)) {
                    givenUp.add(a);
                    silent.add(a);
                }
            }
        }
        for (Attempt a : silent) {
            retryOrFail(a, String.format(Locale.ROOT, "%s gave no result %.1f s after it was sent (the limit is %d s)",
                    a.place().name, (now - a.startNanos()) / 1e9,
                    config.evaluationLimit(a.dispatch().job.name()).toSeconds()));
        }
    }

    /**
     * How long an attempt may go without an answer: 1.5 times its stage's limit plus a second; one limit more
     * for a worker's first evaluation on a stage, for which it trains the start program first when the search
     * gave no results of it to send.
     */
    private long allowance(Attempt a) {
        StageName stage = a.dispatch().job.name();
        boolean cold = a.place().member != null && !a.place().warm.contains(stage);
        long limit = config.evaluationLimit(stage).toNanos();
        return limit + limit / 2 + TimeUnit.SECONDS.toNanos(1) + (cold ? limit : 0);
    }

    private void retryOrFail(Attempt a, String why) {
        Dispatch d = a.dispatch();
        boolean fail;
        synchronized (this) {
            if (d.done) {
                return;
            }
            retried++;
            fail = d.attempts > retries;
            if (fail) {
                d.done = true;
            }
        }
        String what = fail ? String.format(Locale.ROOT, "%s; sent %d times without a result, it is scored failed",
                why, d.attempts) : why + "; sent again";
        log.accept("candidate " + d.job.candidate().id() + " on stage " + d.job.name() + ": " + what);
        loop.problem(d.job, what); // told before the job can be sent again and finish elsewhere, not after
        if (fail) {
            deliver(d, a, Score.failure("no result: " + why), null);
        } else {
            synchronized (this) {
                resend.addFirst(d); // still open: the run cannot end before it is sent again
                notifyAll();
            }
        }
    }

    /** Hands the one result to the search, then forgets the dispatch. */
    private void deliver(Dispatch d, Attempt a, Score score, String problem) {
        try {
            if (problem != null) {
                loop.problem(d.job, problem);
            }
            loop.done(d.job, score, a.place().firstWorker, (System.nanoTime() - a.startNanos()) / 1e9);
        } finally {
            synchronized (this) {
                open.remove(d.id);
                delivered++;
                exhausted = false; // a result may make new work (a promotion): ask the search again
                notifyAll();
            }
        }
        fill(); // this thread sends the next evaluation to the slot just freed
    }

    /** A member that proved it holds the secret ({@link Admission}): from now on it gets work. */
    private synchronized void admitted(Member m, Calls.Welcome w) {
        Place p = new Place(m, "worker " + w.describe() + " at " + m.getAddress().getHost() + ":"
                + m.getAddress().getPort(), w.slots(), nextWorker);
        nextWorker += w.slots();
        places.add(p);
        byMember.put(m.getUuid(), p);
        notifyAll();
        log.accept(p.name + " joined");
    }

    private synchronized void left(Member m) {
        Place p = byMember.remove(m.getUuid());
        if (p != null) {
            p.gone = true;
            log.accept(p.name + " left");
            notifyAll();
        }
    }

    /** Leaves the cluster (the workers then wait for a coordinator again). */
    @Override
    public void close() {
        watchdog.shutdownNow();
        localThreads.shutdownNow();
        hz.shutdown();
    }
}
