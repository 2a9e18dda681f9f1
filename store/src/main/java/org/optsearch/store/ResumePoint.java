package org.optsearch.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.search.Candidate;
import org.optsearch.search.ResumeState;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchResult;

/**
 * What a stored run needs to go on: the engine's state rebuilt from the recorded events
 * ({@link StoredRun#resumePoint()}).
 *
 * @param configJson           the run's search config ({@link #config()} parses it)
 * @param lastSeq              the last event in the file
 * @param maxProgramId         the largest program id: the next child is {@code maxProgramId + 1}
 * @param population           the population at the end, oldest first (the regularized-evolution queue)
 * @param best                 the best member so far (the first to reach the highest stage-A fitness;
 *                             the start program with fitness 1 until something beat it)
 * @param fitnessByHash        the fitness cache by dataflow hash, as the engine had it
 * @param fitnessByFingerprint the fitness cache by numeric fingerprint, as the engine had it
 * @param counters             the engine's counters
 * @param sinceImprovement     children joined since the best last improved or the last restart
 * @param evaluatedFitness     stage-A fitness of every training, in order (for the funnel's top fraction)
 * @param scored               every trained program (one per dataflow hash, first trained first) with its
 *                             fitness on each stage, the start program first: the engine's top list
 * @param meta                 the meta-validation curve: each new best on A with its B fitness; seconds
 *                             count from the run's first start
 * @param unevaluated          programs sent to training on stage A whose result never came (the run
 *                             stopped first), in generation order
 * @param elapsedSeconds       search time recorded by the last status snapshot (0 if none)
 * @param finished             whether the run had finished
 */
public record ResumePoint(String configJson, long lastSeq, long maxProgramId, List<Member> population, Member best,
        Map<String, Double> fitnessByHash, Map<Long, Double> fitnessByFingerprint, Counters counters,
        long sinceImprovement, List<Double> evaluatedFitness, List<SearchResult.Entry> scored,
        List<SearchResult.MetaPoint> meta, List<StoredProgram> unevaluated, double elapsedSeconds, boolean finished) {

    public ResumePoint {
        population = List.copyOf(population);
        fitnessByHash = Map.copyOf(fitnessByHash);
        fitnessByFingerprint = Map.copyOf(fitnessByFingerprint);
        evaluatedFitness = List.copyOf(evaluatedFitness);
        scored = List.copyOf(scored);
        meta = List.copyOf(meta);
        unevaluated = List.copyOf(unevaluated);
    }

    /** The run's search config. */
    public SearchConfig config() {
        return ConfigJson.read(configJson);
    }

    /**
     * The state for {@code new SearchEngine(config, tasks, store, clock, state)}: population, caches,
     * counters, scored programs and meta-validation curve (programs parsed from their stored text).
     */
    public ResumeState toResumeState() {
        List<ResumeState.Member> members = new ArrayList<>();
        Map<Long, Candidate> parsed = new HashMap<>();
        for (Member m : population) {
            Candidate c = parsed.computeIfAbsent(m.program().id(), id -> m.program().toCandidate());
            members.add(new ResumeState.Member(c, m.fitness()));
        }
        Counters k = counters;
        return new ResumeState(members, fitnessByHash, fitnessByFingerprint, new ResumeState.Counters(k.generated(),
                k.evaluated(), k.hashHits(), k.fingerprintHits(), k.invalid(), k.statements(), k.redundant(),
                k.hurdleStops(), k.savedSteps(), k.failures(), k.evaluatedB(), k.evaluatedC(), k.restarts()), scored,
                meta);
    }

    /** A member of the population: a program and its stage-A fitness. */
    public record Member(StoredProgram program, double fitness) {
    }

    /**
     * The engine's counters, rebuilt from the tables ({@code invalid}, which no event carries, from the last
     * status snapshot, so it may lag by a few seconds of search).
     *
     * @param generated  programs generated (= the largest program id)
     * @param started    stage-A trainings started (programs with source EVALUATED)
     * @param statements statements over all generated programs, start included
     * @param redundant  of which redundant
     */
    public record Counters(long generated, long started, long evaluated, long hashHits, long fingerprintHits,
            long invalid, long statements, long redundant, long hurdleStops, long savedSteps, long failures,
            long evaluatedB, long evaluatedC, long restarts, double bestB, double bestC) {
    }
}
