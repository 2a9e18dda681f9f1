package org.optsearch.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.Mutation;
import org.optsearch.search.mutate.Mutator;
import org.optsearch.search.mutate.RandomProgram;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;

/**
 * Asynchronous regularized evolution (docs/method.md, section 3): W workers each ask for a child, train it,
 * and report, with no generation barrier. Children whose dataflow hash or numeric fingerprint was
 * already scored reuse the stored fitness and join the population without training. Candidates at the
 * top of stage A go on to stage B, and those that beat the start program there to stage C, alongside
 * the search. One seed drives every choice: with one worker and an evaluation budget a run is
 * reproducible exactly. What the search knows is a {@link SearchState}, which the engine changes only
 * through its event methods, under its lock, telling the listener of each event in the same order.
 */
public final class SearchEngine {
    private final SearchConfig config;
    private final SearchListener listener;
    private final LongSupplier clock;
    private final long startNanos;
    private final SplittableRandom rnd;
    private final Mutator mutator;
    private final Stage stageA;
    private final Stage stageB;
    private final Stage stageC;
    private final Program start;
    private final Analysis startAnalysis;

    private final SearchState state;
    private final boolean resumed;
    /** Stage-A trainings started before this engine (the budget counts from its start). */
    private final long startedBefore;
    private long consecutiveHits;
    private boolean stopped;

    /** A training to do: a candidate on a stage (a promotion when the stage is not A). */
    public record Job(Candidate candidate, StageName stage) {
    }

    /** Where evaluations run; null: {@code config.workers()} threads of this JVM. */
    private EvaluationPool pool;

    /**
     * @param tasks   resolves a task name ({@code mnist-vit:S} or a file) to a task
     * @param clock   nanoseconds, for the time budget and rates (System::nanoTime outside tests)
     */
    public SearchEngine(SearchConfig config, Function<String, Task> tasks, SearchListener listener, LongSupplier clock) {
        this(config, tasks, listener, clock, null);
    }

    /**
     * A search that continues from a recorded state ({@code resume}, which it copies), or starts afresh
     * when it is null. The budget counts from this start.
     */
    public SearchEngine(SearchConfig config, Function<String, Task> tasks, SearchListener listener, LongSupplier clock,
            SearchState resume) {
        this.config = config;
        this.resumed = resume != null;
        this.state = resume == null ? new SearchState(config, listener) : resume.copy(config, listener);
        this.startedBefore = state.counters().started();
        this.listener = listener;
        this.clock = clock;
        this.start = config.start().inlineHyperparameters();
        this.startAnalysis = Analysis.of(start);
        startAnalysis.requireValid();
        this.rnd = new SplittableRandom(resume == null ? config.seed()
                : config.seed() ^ (resume.counters().generated() * 0x9E3779B97F4A7C15L));
        this.mutator = new Mutator(config.mutation());
        this.stageA = new Stage(StageName.A, config.stageA().stream().map(tasks).toList(), config.hurdleFactor());
        this.stageB = config.stageB().isEmpty() ? null
                : new Stage(StageName.B, config.stageB().stream().map(tasks).toList(), config.hurdleFactor());
        this.stageC = config.stageC().isEmpty() ? null
                : new Stage(StageName.C, config.stageC().stream().map(tasks).toList(), config.hurdleFactor());
        this.startNanos = clock.getAsLong();
    }

    /** Runs the search to its budget with {@code config.workers()} threads; returns what it found. */
    public SearchResult run() {
        List<TrainResult> baseline = stageA.reference(start);
        Stage.warnOfUnusable(start, listener, stageB, stageC);
        if (!resumed) {
            Candidate origin = new Candidate(0, -1, start, startAnalysis.hash(), Fingerprint.of(start),
                    Change.of(Change.Kind.START, "start program " + config.startName()),
                    startAnalysis.deadStatements().size(), startAnalysis);
            synchronized (this) {
                listener.generated(origin, SearchListener.Source.START);
                state.generated(origin, SearchListener.Source.START, seconds());
            }
        }
        return runWorkers(baseline);
    }

    private SearchResult runWorkers(List<TrainResult> baseline) {
        EvaluationPool evaluations = pool();
        evaluations.run(new WorkLoop<Job>() {
            @Override
            public Job next() {
                return SearchEngine.this.next();
            }

            @Override
            public Score run(Job job) {
                return evaluate(job);
            }

            @Override
            public void done(Job job, Score score, int worker, double seconds) {
                report(job, score, worker, seconds);
            }

            @Override
            public void abandoned(Job job, int worker, double seconds) {
                listener.problem(job.candidate(), String.format(Locale.ROOT, "worker %d hung on stage %s (no result "
                        + "after %.1f s); it was abandoned and a fresh worker started", worker, job.stage(),
                        seconds));
            }

            @Override
            public void problem(Job job, String what) {
                listener.problem(job.candidate(), what);
            }

            @Override
            public void stop() {
                SearchEngine.this.stop();
            }
        });
        synchronized (this) {
            List<SearchResult.Entry> top = state.scored().stream()
                    .sorted(Comparator.comparingDouble(SearchResult.Entry::fitnessA).reversed()).limit(10).toList();
            return new SearchResult(status(), baseline, top, state.meta());
        }
    }

    /**
     * After {@link #run()}: the best {@code k} distinct programs found, simplified and scored on every stage,
     * then the start program and the given references ({@link Finale}).
     */
    public List<Finalist> finale(SearchResult result, int k, Map<String, Program> references) {
        return new Finale(start, config.startName(), stageA, stageB, stageC).of(result, k, references);
    }

    /** A copy of the search's state: to compare, or to continue from later. */
    public synchronized SearchState state() {
        return state.copy(config, new SearchListener() { });
    }

    /**
     * Runs the evaluations on {@code evaluations} (e.g. worker JVMs) instead of {@code config.workers()}
     * threads of this JVM; before {@link #run()}.
     */
    public synchronized void evaluateOn(EvaluationPool evaluations) {
        this.pool = evaluations;
    }

    /** Where the evaluations run: workers, slots, in flight, retried. */
    public PoolStatus poolStatus() {
        return pool().status();
    }

    private synchronized EvaluationPool pool() {
        if (pool == null) {
            pool = EvaluationPool.threads(config.workers(), clock, config.evaluationLimit().toNanos());
        }
        return pool;
    }

    /** Asks the workers to finish what they are doing and stop (e.g. on Ctrl-C). */
    public synchronized void stop() {
        stopped = true;
    }

    public synchronized SearchStatus status() {
        return state.status(seconds(), config.budget().toString());
    }

    /** Trains a job's candidate on its stage; errors score it failed and are reported as problems. */
    private Score evaluate(Job job) {
        try {
            long deadline = clock.getAsLong() + config.evaluationLimit().toNanos();
            Candidate c = job.candidate();
            return new Evaluator(start, stage(job.stage())).evaluate(c.analysis(), "candidate " + c.id(), deadline);
        } catch (RuntimeException | Error e) {
            listener.problem(job.candidate(), "evaluation on stage " + job.stage() + " failed: " + e);
            return Score.failure("error: " + e);
        }
    }

    private synchronized Job next() {
        while (true) {
            if (stopped || exhausted()) {
                return null;
            }
            SearchState.Promotion promotion = state.nextPromotion();
            if (promotion != null) {
                state.promotionStarted(promotion);
                Stage stage = promotion.stage() == StageName.B ? stageB : stageC;
                if (!stage.usable()) {
                    continue; // skipped stage (no reference there): warned of at the start, nothing to train
                }
                return new Job(promotion.candidate(), stage.name);
            }
            Candidate child = generate();
            SearchListener.Source source = state.lookup(child);
            listener.generated(child, source);
            state.generated(child, source, seconds());
            if (source != SearchListener.Source.EVALUATED) {
                if (++consecutiveHits > 100_000) {
                    listener.problem(child, "100,000 children in a row were cache hits; stopping");
                    stopped = true;
                }
                continue;
            }
            consecutiveHits = 0;
            return new Job(child, StageName.A);
        }
    }

    private boolean exhausted() {
        Budget b = config.budget();
        if (b.time() != null) {
            return clock.getAsLong() - startNanos >= b.time().toNanos();
        }
        return state.counters().started() - startedBefore >= b.evaluations();
    }

    private Candidate generate() {
        long id = state.counters().generated() + 1;
        if (config.mode() == Mode.RANDOM || config.randomStart() && !state.populationFull()) {
            Program program = RandomProgram.generate(start.signature(), Math.max(1, start.statements().size()),
                    config.mutation(), rnd);
            return candidate(id, -1, program, Change.of(Change.Kind.RANDOM, "random program"), Analysis.of(program));
        }
        Candidate parent = state.select(rnd);
        Mutation m = config.mode() == Mode.CONSTANTS ? mutator.mutateConstants(parent.program(), rnd)
                : mutator.mutate(parent.program(), rnd);
        state.rejected(m.attempts() - 1);
        return candidate(id, parent.id(), m.child(), Change.of(m, config.mode() == Mode.CONSTANTS), m.analysis());
    }

    private Candidate candidate(long id, long parent, Program program, Change change, Analysis a) {
        String hash = a.hash();
        long fingerprint = state.knowsHash(hash) ? 0 : Fingerprint.of(program);
        return new Candidate(id, parent, program, hash, fingerprint, change, a.deadStatements().size(), a);
    }

    /** Hands a job's score to the state (and the listener, in the same order), under the engine's lock. */
    private synchronized void report(Job job, Score score, int worker, double seconds) {
        listener.evaluated(job.candidate(), job.stage(), score, worker, seconds);
        state.evaluated(job.candidate(), job.stage(), score, seconds());
    }

    private Stage stage(StageName name) {
        return name == StageName.A ? stageA : name == StageName.B ? stageB : stageC;
    }

    private double seconds() {
        return (clock.getAsLong() - startNanos) / 1e9;
    }

}
