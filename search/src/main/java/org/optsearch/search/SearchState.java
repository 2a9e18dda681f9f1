package org.optsearch.search;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.optsearch.lang.Program;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.lang.StepScale;

/**
 * Everything a search knows: the population, the fitness caches by dataflow hash and by fingerprint, the
 * funnel's promotions (pending and done), the scored programs, the meta-validation curve and the counters,
 * the plateau count among them. It changes only through its event methods ({@link #generated},
 * {@link #evaluated}, {@link #rejected}, {@link #promotionStarted}), which make every decision of the search
 * that follows from an event: joining the population, restarting after a plateau, promoting to the next
 * stage. The engine sends them live; a run store sends its recorded events, in order, through the same
 * methods to rebuild the state for a resume, so a resumed run cannot drift from the live one. Not
 * thread-safe: the engine holds its lock.
 */
public final class SearchState {
    /**
     * A member of the population: a program, its stage-A fitness, and the step-size multiplier calibration
     * chose for it (1: as written). Its children are mutations of {@link #program()}, the program with the
     * multiplier folded in.
     */
    public record Member(Candidate candidate, double fitness, double multiplier) {
        /** A member trained as written. */
        public Member(Candidate candidate, double fitness) {
            this(candidate, fitness, 1.0);
        }

        /** The program as it was scored: the candidate's, with its multiplier folded in. */
        public Program program() {
            return StepScale.fold(candidate.program(), multiplier);
        }
    }

    /** A cached stage-A result: fitness and the multiplier it was reached at. */
    private record Fit(double fitness, double multiplier) {
    }

    /** A candidate promoted to a stage and waiting to be trained there. */
    public record Promotion(Candidate candidate, StageName stage) {
    }

    /**
     * The search's counters.
     *
     * @param generated        programs generated (= the largest id)
     * @param started          stage-A trainings started
     * @param sinceImprovement children joined since the best last improved or the last restart
     */
    public record Counters(long generated, long started, long evaluated, long hashHits, long fingerprintHits,
            long invalid, long statements, long redundant, long hurdleStops, long savedSteps, long failures,
            long evaluatedB, long evaluatedC, long restarts, long sinceImprovement) {
    }

    private final SearchConfig config;
    private final SearchListener listener;
    private final Population population;
    private final Map<String, Fit> byHash;
    private final Map<Long, Fit> byFingerprint;
    private final Deque<Promotion> pending;
    private final Set<String> promoted;
    private final List<Double> evaluatedFitness;
    private final Map<String, SearchResult.Entry> scored;
    private final List<SearchResult.MetaPoint> meta;

    private long generated;
    private long started;
    private long evaluated;
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
    private Member best;
    private Candidate origin;
    private double bestB = Double.NaN;
    private double bestC = Double.NaN;

    /** An empty state; {@code listener} hears of its joins and restarts (a no-op one while replaying). */
    public SearchState(SearchConfig config, SearchListener listener) {
        this(config, listener, null);
    }

    private SearchState(SearchConfig config, SearchListener listener, SearchState from) {
        this.config = config;
        this.listener = listener;
        this.population = new Population(config.populationSize(), config.tournamentSize());
        boolean copy = from != null;
        byHash = copy ? new HashMap<>(from.byHash) : new HashMap<>();
        byFingerprint = copy ? new HashMap<>(from.byFingerprint) : new HashMap<>();
        pending = copy ? new ArrayDeque<>(from.pending) : new ArrayDeque<>();
        promoted = copy ? new LinkedHashSet<>(from.promoted) : new LinkedHashSet<>();
        evaluatedFitness = copy ? new ArrayList<>(from.evaluatedFitness) : new ArrayList<>();
        scored = copy ? new LinkedHashMap<>(from.scored) : new LinkedHashMap<>();
        meta = copy ? new ArrayList<>(from.meta) : new ArrayList<>();
        if (copy) {
            from.population.members().forEach(m -> population.add(m));
            Counters k = from.counters();
            generated = k.generated();
            started = k.started();
            evaluated = k.evaluated();
            hashHits = k.hashHits();
            fingerprintHits = k.fingerprintHits();
            invalid = k.invalid();
            statements = k.statements();
            redundant = k.redundant();
            hurdleStops = k.hurdleStops();
            savedSteps = k.savedSteps();
            failures = k.failures();
            evaluatedB = k.evaluatedB();
            evaluatedC = k.evaluatedC();
            restarts = k.restarts();
            sinceImprovement = k.sinceImprovement();
            best = from.best;
            origin = from.origin;
            bestB = from.bestB;
            bestC = from.bestC;
        }
    }

    /**
     * A copy to go on from, telling {@code newListener} of its joins and restarts (the config may differ in
     * budget and workers).
     */
    public SearchState copy(SearchConfig newConfig, SearchListener newListener) {
        return new SearchState(newConfig, newListener, this);
    }

    // ---- events ----

    /**
     * A candidate was generated and got its fitness from {@code source}: the start program fills the
     * population (the paper's warm start) and goes to stage B; a cache hit joins the population with the
     * cached fitness; a candidate to be trained is counted as started.
     *
     * @param seconds search time, for the meta-validation curve's first point
     */
    public void generated(Candidate c, Source source, double seconds) {
        generated = Math.max(generated, c.id());
        statements += c.length();
        redundant += c.redundant();
        switch (source) {
            case START -> start(c, seconds);
            case HASH_CACHE -> {
                hashHits++;
                join(c, cached(byHash.get(c.hash()), c, source));
            }
            case FINGERPRINT_CACHE -> {
                fingerprintHits++;
                Fit fit = cached(byFingerprint.get(c.fingerprint()), c, source);
                byHash.put(c.hash(), fit);
                join(c, fit);
            }
            case EVALUATED -> started++;
        }
    }

    /** {@code count} invalid children were drawn and thrown away (they have no events of their own). */
    public void rejected(long count) {
        invalid += count;
    }

    /** A pending promotion was handed to a worker. */
    public void promotionStarted(Promotion p) {
        pending.remove(p);
    }

    /**
     * A candidate was trained on a stage. On A its fitness fills the caches and it joins the population
     * (a new best starts a meta-validation point); one that beats the start program and is the best so far,
     * or among the top fraction, is promoted to B; one that beats the start program on B, to C.
     *
     * @param seconds search time, for a new meta-validation point
     */
    public void evaluated(Candidate c, StageName stage, Score score, double seconds) {
        if (stage == StageName.A) {
            evaluatedOnA(c, score, seconds);
            return;
        }
        pending.remove(new Promotion(c, stage)); // when replaying: the promotion was handed out before this
        SearchResult.Entry e = scored.get(c.hash());
        if (e == null) {
            e = new SearchResult.Entry(c, Double.NaN, Double.NaN, Double.NaN);
        }
        switch (stage) {
            case A2 -> {
                scored.put(c.hash(), e.withA2(score.fitness()));
                if (score.fitness() > 1.0) {
                    promote(c, StageName.B);
                }
            }
            case B -> {
                evaluatedB++;
                bestB = max(bestB, score.fitness());
                scored.put(c.hash(), e.withB(score));
                updateMeta(c, score.fitness());
                if (!config.stageC().isEmpty() && score.fitness() > 1.0) {
                    promote(c, StageName.C);
                }
            }
            default -> {
                evaluatedC++;
                bestC = max(bestC, score.fitness());
                scored.put(c.hash(), e.withC(score));
            }
        }
    }

    private void evaluatedOnA(Candidate c, Score score, double seconds) {
        evaluated++;
        double fitness = score.fitness();
        if (score.failed()) {
            failures++;
            if (score.hurdle() && score.savedSteps() > 0) {
                hurdleStops++;
                savedSteps += score.savedSteps();
            }
        }
        Fit fit = new Fit(fitness, score.multiplier());
        byHash.put(c.hash(), fit);
        byFingerprint.put(c.fingerprint(), fit);
        scored.putIfAbsent(c.hash(), new SearchResult.Entry(c, fitness, Double.NaN, Double.NaN, Double.NaN,
                score.multiplier()));
        boolean newBest = best == null || fitness > best.fitness();
        evaluatedFitness.add(fitness);
        join(c, fit);
        if (newBest) {
            meta.add(new SearchResult.MetaPoint(evaluated, seconds, c.id(), fitness, Double.NaN));
        }
        if (!config.stageB().isEmpty() && fitness > 1.0 && (newBest || inTopFraction(fitness))) {
            promote(c, config.confirm() ? StageName.A2 : StageName.B);
        }
    }

    /** The paper's warm start: the population is copies of the start program. */
    private void start(Candidate origin, double seconds) {
        this.origin = origin;
        Fit one = new Fit(1.0, 1.0);
        byHash.put(origin.hash(), one);
        byFingerprint.put(origin.fingerprint(), one);
        scored.put(origin.hash(), new SearchResult.Entry(origin, 1.0, Double.NaN, Double.NaN));
        best = new Member(origin, 1.0);
        if (config.mode() != Mode.RANDOM && !config.randomStart()) {
            for (int i = 0; i < config.populationSize(); i++) {
                join(origin, one);
            }
        }
        meta.add(new SearchResult.MetaPoint(0, seconds, 0, 1.0, Double.NaN));
        if (!config.stageB().isEmpty()) {
            promote(origin, StageName.B);
        }
    }

    private static Fit cached(Fit fitness, Candidate c, Source source) {
        if (fitness == null) {
            throw new IllegalStateException("candidate " + c.id() + " is a " + source + " hit, but its "
                    + (source == Source.HASH_CACHE ? "hash " + c.hash() : "fingerprint " + c.fingerprint())
                    + " has no cached fitness");
        }
        return fitness;
    }

    private void join(Candidate c, Fit fit) {
        double fitness = fit.fitness();
        Member m = new Member(c, fitness, fit.multiplier());
        Member removed = population.add(m);
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

    private void promote(Candidate c, StageName stage) {
        if (promoted.add(stage + c.hash())) {
            pending.add(new Promotion(c, stage));
        }
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }

    // ---- queries (they change nothing, except that a tournament draws from the generator) ----

    /** The fitness a cache holds for {@code c}, and which cache: or EVALUATED when it must be trained. */
    public Source lookup(Candidate c) {
        if (byHash.containsKey(c.hash())) {
            return Source.HASH_CACHE;
        }
        return byFingerprint.containsKey(c.fingerprint()) ? Source.FINGERPRINT_CACHE : Source.EVALUATED;
    }

    /** Whether a program of this dataflow hash has a fitness already (then no fingerprint is needed). */
    public boolean knowsHash(String hash) {
        return byHash.containsKey(hash);
    }

    /** A parent by tournament. */
    Member select(SplittableRandom rnd) {
        return population.select(rnd);
    }

    /**
     * The step-size multiplier a job on {@code stage} trains the program of this hash at: on C the one B
     * scored it at (A's times B's recalibration: a step that suits B's longer trainings is the better centre
     * for C's), falling back to A's when B did not score it; on A2 and B the one A chose.
     */
    public double multiplierFor(String hash, StageName stage) {
        SearchResult.Entry e = stage == StageName.C ? scored.get(hash) : null;
        return e != null && Double.isFinite(e.multiplierB()) ? e.multiplierB() : multiplierOf(hash);
    }

    /** The step-size multiplier a program of this hash was scored at on stage A (1 when not known). */
    public double multiplierOf(String hash) {
        Fit f = byHash.get(hash);
        return f == null ? 1.0 : f.multiplier();
    }

    boolean populationFull() {
        return population.full();
    }

    /** The oldest pending promotion, or null. */
    public Promotion nextPromotion() {
        return pending.peek();
    }

    public Counters counters() {
        return new Counters(generated, started, evaluated, hashHits, fingerprintHits, invalid, statements, redundant,
                hurdleStops, savedSteps, failures, evaluatedB, evaluatedC, restarts, sinceImprovement);
    }

    /** The population, oldest first. */
    public List<Member> population() {
        return Collections.unmodifiableList(population.members());
    }

    /** The hash cache: stage-A fitness by dataflow hash. */
    public Map<String, Double> byHash() {
        Map<String, Double> m = new HashMap<>();
        byHash.forEach((h, f) -> m.put(h, f.fitness()));
        return m;
    }

    /** The step-size multipliers of the hash cache, by dataflow hash. */
    public Map<String, Double> multipliers() {
        Map<String, Double> m = new HashMap<>();
        byHash.forEach((h, f) -> m.put(h, f.multiplier()));
        return m;
    }

    public Map<Long, Double> byFingerprint() {
        Map<Long, Double> m = new HashMap<>();
        byFingerprint.forEach((h, f) -> m.put(h, f.fitness()));
        return m;
    }

    /** Promotions waiting for a worker, oldest first. */
    public List<Promotion> pending() {
        return List.copyOf(pending);
    }

    /** Every promotion made, as stage and hash ({@code B3fa...}), in order. */
    public List<String> promoted() {
        return List.copyOf(promoted);
    }

    /** Stage-A fitness of every training, in order (for the funnel's top fraction). */
    public List<Double> evaluatedFitness() {
        return List.copyOf(evaluatedFitness);
    }

    /** Every trained program, one per dataflow hash, first trained first, with its fitness per stage. */
    public List<SearchResult.Entry> scored() {
        return List.copyOf(scored.values());
    }

    /** The meta-validation curve: each new best on A with its B fitness. */
    public List<SearchResult.MetaPoint> meta() {
        return List.copyOf(meta);
    }

    /** The best member so far (the first to reach the highest stage-A fitness), or null before the start. */
    public Member best() {
        return best;
    }

    /** The start program's candidate (as the search used it: calibrated), or null before the start. */
    public Candidate origin() {
        return origin;
    }

    public double bestB() {
        return bestB;
    }

    public double bestC() {
        return bestC;
    }

    /** The counters as a status line's values. */
    SearchStatus status(double seconds, String budget, long evaluatedBefore) {
        return new SearchStatus(seconds, budget, generated, evaluated, hashHits, fingerprintHits, invalid,
                statements == 0 ? 0 : (double) redundant / statements, hurdleStops, savedSteps, failures, evaluatedB,
                evaluatedC, restarts, best == null ? Double.NaN : best.fitness(), bestB, bestC, population.median(),
                evaluatedBefore);
    }
}
