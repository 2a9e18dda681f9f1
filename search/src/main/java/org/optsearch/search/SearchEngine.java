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
 * Asynchronous regularized evolution (method.md, section 3): W workers each ask for a child, train it,
 * and report, with no generation barrier. Children whose dataflow hash or numeric fingerprint was
 * already scored reuse the stored fitness and join the population without training. Candidates at the
 * top of stage A go on to stage B, and those that beat the start program there to stage C, alongside
 * the search. One seed drives every choice: with one worker and an evaluation budget a run is
 * reproducible exactly.
 */
public final class SearchEngine {
    private final SearchConfig config;
    private final SearchListener listener;
    private final LongSupplier clock;
    private final long startNanos;
    private final SplittableRandom rnd;
    private final ResumeState resume;
    private final Mutator mutator;
    private final Population population;
    private final Stage stageA;
    private final Stage stageB;
    private final Stage stageC;
    private final Program start;

    private final Map<String, Double> byHash = new HashMap<>();
    private final Map<Long, Double> byFingerprint = new HashMap<>();
    private final Deque<Job> promotions = new ArrayDeque<>();
    private final Set<String> promoted = new HashSet<>();
    private final List<Double> evaluatedFitness = new ArrayList<>();
    private final Map<String, SearchResult.Entry> scored = new LinkedHashMap<>();
    private final List<SearchResult.MetaPoint> meta = new ArrayList<>();

    private long generated;
    private long evaluated;
    private long started;
    private long hashHits;
    private long fingerprintHits;
    private long invalid;
    private long statements;
    private long redundant;
    private long hurdleStops;
    private long savedSteps;
    private long failures;
    private long evaluatedB;
    private long evaluatedC;
    private long restarts;
    private long sinceImprovement;
    private long consecutiveHits;
    private Population.Member best;
    private double bestB = Double.NaN;
    private double bestC = Double.NaN;
    private boolean stopped;

    private record Job(Candidate candidate, Stage stage) {
    }

    /**
     * @param tasks   resolves a task name ({@code mnist-vit:S} or a file) to a task
     * @param clock   nanoseconds, for the time budget and rates (System::nanoTime outside tests)
     */
    public SearchEngine(SearchConfig config, Function<String, Task> tasks, SearchListener listener, LongSupplier clock) {
        this(config, tasks, listener, clock, null);
    }

    /**
     * A search that continues from a recorded state ({@code resume}), or starts afresh when it is null.
     * The budget counts from this start.
     */
    public SearchEngine(SearchConfig config, Function<String, Task> tasks, SearchListener listener, LongSupplier clock,
            ResumeState resume) {
        this.config = config;
        this.resume = resume;
        this.listener = listener;
        this.clock = clock;
        this.start = config.start().inlineHyperparameters();
        Analysis.of(start).requireValid();
        this.rnd = new SplittableRandom(resume == null ? config.seed()
                : config.seed() ^ (resume.counters().generated() * 0x9E3779B97F4A7C15L));
        this.mutator = new Mutator(config.mutation());
        this.population = new Population(config.populationSize(), config.tournamentSize());
        this.stageA = new Stage("A", config.stageA().stream().map(tasks).toList(), config.hurdleFactor());
        this.stageB = config.stageB().isEmpty() ? null
                : new Stage("B", config.stageB().stream().map(tasks).toList(), config.hurdleFactor());
        this.stageC = config.stageC().isEmpty() ? null
                : new Stage("C", config.stageC().stream().map(tasks).toList(), config.hurdleFactor());
        this.startNanos = clock.getAsLong();
    }

    /** Runs the search to its budget with {@code config.workers()} threads; returns what it found. */
    public SearchResult run() {
        List<TrainResult> baseline = stageA.reference(start);
        Stage.warnOfUnusable(start, listener, stageB, stageC);
        Candidate origin = candidate(0, -1, start, "start program " + config.startName(), null);
        synchronized (this) {
            if (resume != null) {
                restore(origin);
            } else {
                startFresh(origin);
            }
        }
        return runWorkers(baseline);
    }

    /** The paper's warm start: the population is copies of the start program. */
    private void startFresh(Candidate origin) {
        byHash.put(origin.hash(), 1.0);
        byFingerprint.put(origin.fingerprint(), 1.0);
        scored.put(origin.hash(), new SearchResult.Entry(origin, 1.0, Double.NaN, Double.NaN));
        best = new Population.Member(origin, 1.0);
        listener.generated(origin, SearchListener.Source.START);
        if (config.mode() != Mode.RANDOM && !config.randomStart()) {
            for (int i = 0; i < config.populationSize(); i++) {
                join(origin, 1.0);
            }
        }
        meta.add(new SearchResult.MetaPoint(0, seconds(), 0, 1.0, Double.NaN));
        if (stageB != null) {
            promote(origin, stageB);
        }
    }

    /** Rebuilds the recorded state; no events are sent for it (the store has them). */
    private void restore(Candidate origin) {
        byHash.putAll(resume.byHash());
        byFingerprint.putAll(resume.byFingerprint());
        byHash.putIfAbsent(origin.hash(), 1.0);
        for (SearchResult.Entry e : resume.scored()) {
            scored.put(e.candidate().hash(), e);
            evaluatedFitness.add(e.fitnessA());
        }
        best = new Population.Member(origin, 1.0);
        for (ResumeState.Member m : resume.population()) {
            population.add(new Population.Member(m.candidate(), m.fitness()));
            if (m.fitness() > best.fitness()) {
                best = new Population.Member(m.candidate(), m.fitness());
            }
        }
        for (SearchResult.Entry e : resume.scored()) {
            if (e.fitnessA() > best.fitness()) {
                best = new Population.Member(e.candidate(), e.fitnessA());
            }
        }
        meta.addAll(resume.meta());
        ResumeState.Counters c = resume.counters();
        generated = c.generated();
        evaluated = c.evaluated();
        hashHits = c.hashHits();
        fingerprintHits = c.fingerprintHits();
        invalid = c.invalid();
        statements = c.statements();
        redundant = c.redundant();
        hurdleStops = c.hurdleStops();
        savedSteps = c.savedSteps();
        failures = c.failures();
        evaluatedB = c.evaluatedB();
        evaluatedC = c.evaluatedC();
        restarts = c.restarts();
        bestB = resume.scored().stream().mapToDouble(SearchResult.Entry::fitnessB).filter(Double::isFinite).max()
                .orElse(Double.NaN);
        bestC = resume.scored().stream().mapToDouble(SearchResult.Entry::fitnessC).filter(Double::isFinite).max()
                .orElse(Double.NaN);
    }

    private SearchResult runWorkers(List<TrainResult> baseline) {
        new Workers<>(new Workers.Loop<Job>() {
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
                listener.evaluated(job.candidate(), job.stage().name, score, worker, seconds);
                report(job, score);
            }

            @Override
            public void abandoned(Job job, int worker, double seconds) {
                listener.problem(job.candidate(), String.format(Locale.ROOT, "worker %d hung on stage %s (no result "
                        + "after %.1f s); it was abandoned and a fresh worker started", worker, job.stage().name,
                        seconds));
            }

            @Override
            public void stop() {
                SearchEngine.this.stop();
            }
        }, clock, config.evaluationLimit().toNanos()).run(config.workers());
        synchronized (this) {
            List<SearchResult.Entry> top = scored.values().stream()
                    .sorted(Comparator.comparingDouble(SearchResult.Entry::fitnessA).reversed()).limit(10).toList();
            return new SearchResult(status(), baseline, top, meta);
        }
    }

    /**
     * After {@link #run()}: the best {@code k} distinct programs found, simplified and scored on every stage,
     * then the start program and the given references ({@link Finale}).
     */
    public List<Finalist> finale(SearchResult result, int k, Map<String, Program> references) {
        return new Finale(start, config.startName(), stageA, stageB, stageC).of(result, k, references);
    }

    /** The state to continue from later, as a run store would rebuild it. */
    public synchronized ResumeState snapshot() {
        List<ResumeState.Member> members = population.members().stream()
                .map(m -> new ResumeState.Member(m.candidate(), m.fitness())).toList();
        return new ResumeState(members, byHash, byFingerprint, new ResumeState.Counters(generated, evaluated, hashHits,
                fingerprintHits, invalid, statements, redundant, hurdleStops, savedSteps, failures, evaluatedB,
                evaluatedC, restarts), List.copyOf(scored.values()), meta);
    }

    /** Asks the workers to finish what they are doing and stop (e.g. on Ctrl-C). */
    public synchronized void stop() {
        stopped = true;
    }

    public synchronized SearchStatus status() {
        return new SearchStatus(seconds(), config.budget().toString(), generated, evaluated, hashHits, fingerprintHits,
                invalid, statements == 0 ? 0 : (double) redundant / statements, hurdleStops, savedSteps, failures,
                evaluatedB, evaluatedC, restarts, best == null ? Double.NaN : best.fitness(), bestB, bestC,
                population.median());
    }

    /** Trains a job's candidate on its stage; errors score it failed and are reported as problems. */
    private Score evaluate(Job job) {
        try {
            if (job.stage() != stageA) {
                job.stage().reference(start);
            }
            long deadline = clock.getAsLong() + config.evaluationLimit().toNanos();
            return job.stage().evaluate(job.candidate().program(), "candidate " + job.candidate().id(), true, deadline);
        } catch (RuntimeException | Error e) {
            listener.problem(job.candidate(), "evaluation on stage " + job.stage().name + " failed: " + e);
            return Score.failure("error: " + e);
        }
    }

    private synchronized Job next() {
        while (true) {
            if (stopped || exhausted()) {
                return null;
            }
            if (!promotions.isEmpty()) {
                return promotions.poll();
            }
            Candidate child = generate();
            Double known = byHash.get(child.hash());
            SearchListener.Source source = SearchListener.Source.HASH_CACHE;
            if (known != null) {
                hashHits++;
            } else {
                known = byFingerprint.get(child.fingerprint());
                source = SearchListener.Source.FINGERPRINT_CACHE;
                if (known != null) {
                    fingerprintHits++;
                    byHash.put(child.hash(), known);
                }
            }
            if (known != null) {
                listener.generated(child, source);
                join(child, known);
                if (++consecutiveHits > 100_000) {
                    listener.problem(child, "100,000 children in a row were cache hits; stopping");
                    stopped = true;
                }
                continue;
            }
            consecutiveHits = 0;
            started++;
            listener.generated(child, SearchListener.Source.EVALUATED);
            return new Job(child, stageA);
        }
    }

    private boolean exhausted() {
        Budget b = config.budget();
        if (b.time() != null) {
            return clock.getAsLong() - startNanos >= b.time().toNanos();
        }
        return started >= b.evaluations();
    }

    private Candidate generate() {
        long id = ++generated;
        Program program;
        long parent;
        String description;
        Analysis analysis = null;
        if (config.mode() == Mode.RANDOM || config.randomStart() && !population.full()) {
            program = RandomProgram.generate(start.signature(), Math.max(1, start.statements().size()),
                    config.mutation(), rnd);
            parent = -1;
            description = "random program";
        } else {
            Population.Member p = population.select(rnd);
            Mutation m = config.mode() == Mode.CONSTANTS ? mutator.mutateConstants(p.candidate().program(), rnd)
                    : mutator.mutate(p.candidate().program(), rnd);
            invalid += m.attempts() - 1;
            program = m.child();
            parent = p.candidate().id();
            description = m.description();
            analysis = m.analysis();
        }
        return candidate(id, parent, program, description, analysis);
    }

    private Candidate candidate(long id, long parent, Program program, String description, Analysis known) {
        Analysis a = known != null ? known : Analysis.of(program);
        int dead = a.deadStatements().size();
        statements += program.statements().size();
        redundant += dead;
        String hash = a.hash();
        long fingerprint = byHash.containsKey(hash) ? 0 : Fingerprint.of(program);
        return new Candidate(id, parent, program, hash, fingerprint, description, dead);
    }

    private void join(Candidate c, double fitness) {
        Population.Member m = new Population.Member(c, fitness);
        Population.Member removed = population.add(m);
        listener.populationChanged(c, fitness, removed == null ? null : removed.candidate());
        if (best == null || fitness > best.fitness()) {
            best = m;
            sinceImprovement = 0;
        } else if (config.plateau() > 0 && ++sinceImprovement >= config.plateau() && config.mode() != Mode.RANDOM) {
            population.fillWith(best);
            restarts++;
            sinceImprovement = 0;
            listener.restarted(best.candidate(), generated);
        }
    }

    private synchronized void report(Job job, Score score) {
        Candidate c = job.candidate();
        if (job.stage() == stageA) {
            evaluated++;
            double fitness = score.fitness();
            if (score.failed()) {
                failures++;
                if (score.stopped() != null && score.savedSteps() > 0) {
                    hurdleStops++;
                    savedSteps += score.savedSteps();
                }
            }
            byHash.put(c.hash(), fitness);
            byFingerprint.put(c.fingerprint(), fitness);
            scored.putIfAbsent(c.hash(), new SearchResult.Entry(c, fitness, Double.NaN, Double.NaN));
            boolean newBest = best == null || fitness > best.fitness();
            evaluatedFitness.add(fitness);
            join(c, fitness);
            if (newBest) {
                meta.add(new SearchResult.MetaPoint(evaluated, seconds(), c.id(), fitness, Double.NaN));
            }
            if (stageB != null && fitness > 1.0 && (newBest || inTopFraction(fitness))) {
                promote(c, stageB);
            }
        } else {
            SearchResult.Entry e = scored.get(c.hash());
            boolean isB = job.stage() == stageB;
            if (isB) {
                evaluatedB++;
                bestB = max(bestB, score.fitness());
                scored.put(c.hash(), new SearchResult.Entry(c, e.fitnessA(), score.fitness(), e.fitnessC()));
                updateMeta(c, score.fitness());
                if (stageC != null && score.fitness() > 1.0) {
                    promote(c, stageC);
                }
            } else {
                evaluatedC++;
                bestC = max(bestC, score.fitness());
                scored.put(c.hash(), new SearchResult.Entry(c, e.fitnessA(), e.fitnessB(), score.fitness()));
            }
        }
    }

    /** Fills in the B fitness of meta-validation points whose best-on-A program this is. */
    private void updateMeta(Candidate c, double fitnessB) {
        for (int i = 0; i < meta.size(); i++) {
            SearchResult.MetaPoint p = meta.get(i);
            if (p.candidate() == c.id()) {
                meta.set(i, new SearchResult.MetaPoint(p.evaluated(), p.seconds(), p.candidate(), p.fitnessA(),
                        fitnessB));
            }
        }
    }

    private boolean inTopFraction(double fitness) {
        if (config.promoteFraction() <= 0) {
            return false;
        }
        long atLeast = evaluatedFitness.stream().filter(f -> f >= fitness).count();
        return atLeast <= Math.max(1, config.promoteFraction() * evaluatedFitness.size());
    }

    private void promote(Candidate c, Stage stage) {
        if (stage.usable() && promoted.add(stage.name + c.hash())) {
            promotions.add(new Job(c, stage));
        }
    }

    private double seconds() {
        return (clock.getAsLong() - startNanos) / 1e9;
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }
}
