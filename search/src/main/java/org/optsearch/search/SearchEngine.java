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
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.calibrate.Parallel;
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
    /** The start program as the search uses it: calibrated on stage A (then it is the reference there). */
    private Program start;
    private Analysis startAnalysis;
    private double[] spread = new double[0];

    private final SearchState state;
    private final boolean resumed;
    /** Stage-A trainings started before this engine (the budget counts from its start). */
    private final long startedBefore;
    /** Stage-A trainings finished before this engine (a resumed run's): the rate counts only this session's. */
    private final long evaluatedBefore;
    private long consecutiveHits;
    private boolean stopped;

    /**
     * A training to do: a candidate on a stage (a promotion when the stage is not A; A2 is stage A's tasks
     * with the next seed), at a step-size multiplier: on A2 and B the one A chose, on C the one B chose
     * (which recalibration there centres on), 1 on A, where calibration chooses it.
     */
    public record Job(Candidate candidate, StageName name, double multiplier) {
        /** A stage-A job: the candidate as written, calibrated there when the config says so. */
        public Job(Candidate candidate) {
            this(candidate, StageName.A, 1.0);
        }
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
        this.evaluatedBefore = state.counters().evaluated();
        this.listener = listener;
        this.clock = clock;
        this.start = resume != null && resume.origin() != null ? resume.origin().program()
                : config.start().inlineHyperparameters();
        this.startAnalysis = Analysis.of(start);
        startAnalysis.requireValid();
        this.rnd = new SplittableRandom(resume == null ? config.seed()
                : config.seed() ^ (resume.counters().generated() * 0x9E3779B97F4A7C15L));
        this.mutator = new Mutator(config.mutation());
        this.stageA = new Stage(StageName.A, config.stageA().stream().map(tasks).toList(), config.hurdleFactor());
        this.stageB = config.stageB().isEmpty() ? null
                : new Stage(StageName.B, config.stageB().stream().map(tasks).toList(), config.hurdleFactor(),
                        config.recalibration());
        this.stageC = config.stageC().isEmpty() ? null
                : new Stage(StageName.C, config.stageC().stream().map(tasks).toList(), config.hurdleFactor(),
                        config.recalibration(), stageB);
        this.startNanos = clock.getAsLong();
    }

    /** Runs the search to its budget with {@code config.workers()} threads; returns what it found. */
    public SearchResult run() {
        String calibrated;
        List<TrainResult> baseline;
        ForkJoinPool pool = localThreads() > 1 ? new ForkJoinPool(localThreads()) : null;
        try {
            calibrated = resumed ? "" : calibrateStart(pool);
            stageA.train(start, pool);
            baseline = stageA.reference(start);
            trainReferences(pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (config.confirm()) {
            listener.note(spreadNote());
        }
        Stage.warnOfUnusable(start, listener, stageB, stageC);
        if (!resumed) {
            Candidate origin = new Candidate(0, -1, start, startAnalysis.hash(), Fingerprint.of(start),
                    Change.of(Change.Kind.START, "start program " + config.startName() + calibrated),
                    startAnalysis.deadStatements().size(), startAnalysis);
            synchronized (this) {
                listener.generated(origin, SearchListener.Source.START);
                state.generated(origin, SearchListener.Source.START, seconds());
            }
        }
        return runWorkers(baseline);
    }

    /**
     * Calibrates the start program's step size on stage A, as every candidate's is, so that 1 is the start
     * program at its best scale there and a candidate cannot beat it by step size alone. Returns the words
     * for its change ("" when calibration is off or keeps it as written).
     */
    private String calibrateStart(ForkJoinPool pool) {
        if (config.calibration().multipliers().size() < 2) {
            return "";
        }
        Stage.Calibrated c = stageA.calibrate(start, config.calibration(), "start", Long.MAX_VALUE, false, true, pool);
        if (c.multiplier() == 1.0) {
            listener.note("calibration keeps the start program's step size as written");
            return "";
        }
        start = c.program();
        startAnalysis = Analysis.of(start);
        String words = String.format(Locale.ROOT, ", step size x%.3g by calibration", c.multiplier());
        listener.note("calibration on stage A scales the start program's step size by "
                + String.format(Locale.ROOT, "%.3g", c.multiplier()) + "; it is the reference as scaled");
        return words;
    }

    /**
     * Trains what the search needs before its first candidate, after stage A's reference: the start program at
     * two more seeds on A (for the spread, when confirmation is on) and on stages B and C (recalibrated there
     * when they recalibrate, which on the standard preset takes minutes; C around what B chose, so after B).
     * The spread and the later stages are independent, so with a {@code pool} they run at once, and each
     * recalibration's rungs too; the results do not depend on it.
     */
    private void trainReferences(ForkJoinPool pool) {
        List<Runnable> jobs = new ArrayList<>();
        if (config.confirm()) {
            jobs.add(() -> spread = stageA.spread(pool, 0, 1, 2));
        }
        jobs.add(() -> {
            for (Stage stage : new Stage[] {stageB, stageC}) {
                if (stage != null) {
                    stage.train(start, pool);
                }
            }
        });
        Parallel.map(jobs, job -> {
            job.run();
            return null;
        }, pool);
    }

    /** Threads of this JVM for work outside the evaluation pool: the workers, at most one per core. */
    private int localThreads() {
        return Math.min(config.workers(), Runtime.getRuntime().availableProcessors());
    }

    /** The seed-to-seed spread of the start program's stage-A score, per task, in words. */
    private String spreadNote() {
        StringBuilder b = new StringBuilder("seed-to-seed spread of the start program on stage A (sd over 3 seeds, "
                + "in fitness units; smaller differences are ties):");
        for (int i = 0; i < spread.length; i++) {
            b.append(String.format(Locale.ROOT, " %s %.4f", stageA.tasks.get(i).name(), spread[i]));
        }
        return b.toString();
    }

    /**
     * The seed-to-seed spread of the start program's fitness on a stage ({@code 'A'}, {@code 'B'} or {@code 'C'}):
     * the sd over 3 seeds (the tasks' own and the next two) of its score there, in fitness units, so a program
     * whose fitness differs from the start program's by less is tied with it. Trains the start program at the two
     * other seeds on that stage (at the step size the stage calibrated it to) unless done already. NaN when the
     * stage is not set or gives no reference.
     */
    public double fitnessSpread(char stage) {
        Stage s = stage == 'A' ? stageA : stage == 'B' ? stageB : stage == 'C' ? stageC : null;
        if (s == null || (s != stageA && s.skipWarning(start) != null)) {
            return Double.NaN;
        }
        ForkJoinPool pool = localThreads() > 1 ? new ForkJoinPool(localThreads()) : null;
        try {
            return s.fitnessSpread(pool, 0, 1, 2);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** After {@link #run()} with confirmation on: the start program's seed-to-seed spread per stage-A task. */
    public double[] spread() {
        return spread.clone();
    }

    private SearchResult runWorkers(List<TrainResult> baseline) {
        EvaluationPool evaluations = pool();
        evaluations.run(start, new WorkLoop<Job>() {
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
            public Evaluator.References references(Job job) {
                return new Evaluator(start, stage(job.name()), config.calibration()).references(job.name());
            }

            @Override
            public void abandoned(Job job, int worker, double seconds) {
                listener.problem(job.candidate(), String.format(Locale.ROOT, "worker %d hung on stage %s (no result "
                        + "after %.1f s); it was abandoned and a fresh worker started", worker, job.name(),
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
            List<SearchResult.Entry> byA = state.scored().stream()
                    .sorted(Comparator.comparingDouble(SearchResult.Entry::fitnessA).reversed()).toList();
            List<SearchResult.Entry> top = new ArrayList<>(byA.subList(0, Math.min(10, byA.size())));
            byA.stream().skip(top.size()).filter(e -> e.fitnessB() > 1.0).forEach(top::add);
            return new SearchResult(status(), baseline, top, state.meta());
        }
    }

    /**
     * After {@link #run()}: the best {@code k} distinct programs found, simplified and scored on every stage,
     * then the start program and the given references ({@link Finale}).
     */
    public List<Finalist> finale(SearchResult result, int k, Map<String, Program> references) {
        return finale(result, k, references, line -> { });
    }

    /**
     * As {@link #finale(SearchResult, int, Map)}, telling {@code progress} of each program as it is done (a line
     * of words, from any of the finale's threads).
     */
    public List<Finalist> finale(SearchResult result, int k, Map<String, Program> references,
            java.util.function.Consumer<String> progress) {
        return new Finale(start, config.startName(), stageA, stageB, stageC, config.calibration())
                .of(result, k, references, localThreads(), progress);
    }

    /** The search's config. */
    public SearchConfig config() {
        return config;
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
            pool = EvaluationPool.threads(config.workers(), clock, config);
        }
        return pool;
    }

    /** Asks the workers to finish what they are doing and stop (e.g. on Ctrl-C). */
    public synchronized void stop() {
        stopped = true;
    }

    /** Whether the budget is used up: no new evaluation starts; those in flight still finish. */
    public synchronized boolean budgetSpent() {
        return exhausted();
    }

    public synchronized SearchStatus status() {
        return state.status(seconds(), config.budget().toString(), evaluatedBefore);
    }

    /**
     * Trains a job's candidate on its stage: on A calibrated (when configured), on A2 (A with the next seed),
     * B and C at the job's multiplier. Errors score it failed and are reported as problems.
     */
    private Score evaluate(Job job) {
        try {
            Candidate c = job.candidate();
            Evaluator evaluator = new Evaluator(start, stage(job.name()), config.calibration());
            evaluator.reference(job.name()); // the start program's results there, trained once: not on this clock
            long deadline = clock.getAsLong() + config.evaluationLimit(job.name()).toNanos();
            return evaluator.evaluate(job.name(), c.analysis(), "candidate " + c.id(), job.multiplier(), deadline);
        } catch (RuntimeException | Error e) {
            listener.problem(job.candidate(), "evaluation on stage " + job.name() + " failed: " + e);
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
                Stage stage = switch (promotion.stage()) {
                    case A, A2 -> stageA;
                    case B -> stageB;
                    case C -> stageC;
                };
                if (!stage.usable()) {
                    continue; // skipped stage (no reference there): warned of at the start, nothing to train
                }
                Candidate c = promotion.candidate();
                return new Job(c, promotion.stage(), state.multiplierFor(c.hash(), promotion.stage()));
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
            return new Job(child);
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
        SearchState.Member parent = state.select(rnd);
        Program scaled = parent.program();
        Mutation m = config.mode() == Mode.CONSTANTS ? mutator.mutateConstants(scaled, rnd)
                : mutator.mutate(scaled, rnd);
        state.rejected(m.attempts() - 1);
        return candidate(id, parent.candidate().id(), m.child(), Change.of(m, config.mode() == Mode.CONSTANTS),
                m.analysis());
    }

    private Candidate candidate(long id, long parent, Program program, Change change, Analysis a) {
        String hash = a.hash();
        long fingerprint = state.knowsHash(hash) ? 0 : Fingerprint.of(program);
        return new Candidate(id, parent, program, hash, fingerprint, change, a.deadStatements().size(), a);
    }

    /** Hands a job's score to the state (and the listener, in the same order), under the engine's lock. */
    private synchronized void report(Job job, Score score, int worker, double seconds) {
        listener.evaluated(job.candidate(), job.name(), score, worker, seconds);
        state.evaluated(job.candidate(), job.name(), score, seconds());
    }

    /** The stage whose tasks a job on {@code name} trains (A2: stage A's, with the next seed). */
    private Stage stage(StageName name) {
        return switch (name) {
            case A, A2 -> stageA;
            case B -> stageB;
            case C -> stageC;
        };
    }

    private double seconds() {
        return (clock.getAsLong() - startNanos) / 1e9;
    }

}
