package org.optsearch.search;

import java.time.Duration;
import java.util.List;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.MutationConfig;

/**
 * Everything a search run needs, replayable from its record: one seed drives every random choice.
 *
 * @param stageA          the proxy tasks (fitness), e.g. {@code mnist-vit:S}
 * @param stageB          ~10x larger tasks for candidates promoted from A (empty: no stage B)
 * @param stageC          ~100x tasks for candidates that beat the start program on B (empty: none)
 * @param promoteFraction a new candidate that beats the start program on A goes to stage B when it is the
 *                        best so far or its A fitness is within this top fraction of the evaluated ones (ties
 *                        counted against it)
 * @param hurdleFactor    stop a training whose validation loss exceeds this multiple of the start
 *                        program's at a checkpoint (0: no hurdles)
 * @param plateau         restart from the best program after this many children without improvement
 *                        (0: never)
 * @param evaluationLimit per-evaluation time limit
 * @param randomStart     fill the first population with random programs (of the start program's signature)
 *                        instead of copies of the start program; the start program stays the reference
 */
public record SearchConfig(Mode mode, int populationSize, int tournamentSize, Budget budget, int workers,
        Program start, String startName, List<String> stageA, List<String> stageB, List<String> stageC,
        double promoteFraction, double hurdleFactor, int plateau, MutationConfig mutation, long seed,
        Duration evaluationLimit, boolean randomStart) {

    public SearchConfig {
        stageA = List.copyOf(stageA);
        stageB = List.copyOf(stageB);
        stageC = List.copyOf(stageC);
        if (stageA.isEmpty()) {
            throw new IllegalArgumentException("stage A needs at least one task");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (!(promoteFraction >= 0 && promoteFraction <= 1)) {
            throw new IllegalArgumentException("promote fraction must be in [0, 1], got " + promoteFraction);
        }
        if (hurdleFactor < 0) {
            throw new IllegalArgumentException("hurdle factor must be >= 0, got " + hurdleFactor);
        }
        if (plateau < 0) {
            throw new IllegalArgumentException("plateau must be >= 0, got " + plateau);
        }
        new Population(populationSize, tournamentSize); // validates both sizes
    }

    /** The same search with another budget (e.g. to continue a stored run). */
    public SearchConfig withBudget(Budget newBudget) {
        return new SearchConfig(mode, populationSize, tournamentSize, newBudget, workers, start, startName, stageA, stageB,
                stageC, promoteFraction, hurdleFactor, plateau, mutation, seed, evaluationLimit, randomStart);
    }

    /** The same search on another number of workers. */
    public SearchConfig withWorkers(int newWorkers) {
        return new SearchConfig(mode, populationSize, tournamentSize, budget, newWorkers, start, startName, stageA,
                stageB, stageC, promoteFraction, hurdleFactor, plateau, mutation, seed, evaluationLimit, randomStart);
    }

    /** The named presets: sizes and tasks; the caller supplies start program, workers and seed. */
    public enum Preset {
        /** A few minutes on 2 cores; small tasks, but every part of the machinery runs. */
        QUICK(50, 2, "3m", List.of("digits-mlp:S"), List.of("digits-mlp:M"), List.of("digits-mlp:L"), 0.1, 500),
        /** Hours: the paper's proxy family at size S, with B and C at M and L. */
        STANDARD(200, 2, "2h", List.of("mnist-vit:S", "austen-charlm:S"), List.of("mnist-vit:M", "austen-charlm:M"),
                List.of("mnist-vit:L", "austen-charlm:L"), 0.02, 2000),
        /** The paper's sizes: P = 1000, T = 2. */
        PAPER(1000, 2, "72h", List.of("mnist-vit:S", "austen-charlm:S"), List.of("mnist-vit:M", "austen-charlm:M"),
                List.of("mnist-vit:L", "austen-charlm:L"), 0.01, 10000);

        public final int population;
        public final int tournament;
        public final String budget;
        public final List<String> stageA;
        public final List<String> stageB;
        public final List<String> stageC;
        public final double promoteFraction;
        public final int plateau;

        Preset(int population, int tournament, String budget, List<String> a, List<String> b, List<String> c,
                double promoteFraction, int plateau) {
            this.population = population;
            this.tournament = tournament;
            this.budget = budget;
            this.stageA = a;
            this.stageB = b;
            this.stageC = c;
            this.promoteFraction = promoteFraction;
            this.plateau = plateau;
        }
    }
}
