package org.optsearch.search;

import java.time.Duration;
import java.util.List;
import org.optsearch.lang.Program;
import org.optsearch.search.calibrate.Calibration;
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
 * @param evaluationLimit per-evaluation time limit on stage A (and A2); on a stage that recalibrates, this
 *                        times the recalibration's cost in full trainings ({@link #evaluationLimit(StageName)})
 * @param randomStart     fill the first population with random programs (of the start program's signature)
 *                        instead of copies of the start program; the start program stays the reference
 * @param calibration     learning-rate calibration of every program trained on stage A, the start program
 *                        included ({@link Calibration}; {@link Calibration.Plan#off()}: programs run as written)
 * @param confirm         promote from A to B only after a second evaluation on A with the next seed
 *                        (stage A2) also beats the start program there
 * @param recalibration   on stages B and C, the start program and every program are calibrated again
 *                        on the stage's own tasks, at these multipliers of the step size stage A chose
 *                        (on C: of the one B chose)
 *                        (larger models and longer trainings often want another step size);
 *                        {@link Calibration.Plan#off()}: B and C train at A's step size
 */
public record SearchConfig(Mode mode, int populationSize, int tournamentSize, Budget budget, int workers,
        Program start, String startName, List<String> stageA, List<String> stageB, List<String> stageC,
        double promoteFraction, double hurdleFactor, int plateau, MutationConfig mutation, long seed,
        Duration evaluationLimit, boolean randomStart, Calibration.Plan calibration, boolean confirm,
        Calibration.Plan recalibration) {

    /** A config without recalibration on stages B and C. */
    public SearchConfig(Mode mode, int populationSize, int tournamentSize, Budget budget, int workers,
            Program start, String startName, List<String> stageA, List<String> stageB, List<String> stageC,
            double promoteFraction, double hurdleFactor, int plateau, MutationConfig mutation, long seed,
            Duration evaluationLimit, boolean randomStart, Calibration.Plan calibration, boolean confirm) {
        this(mode, populationSize, tournamentSize, budget, workers, start, startName, stageA, stageB, stageC,
                promoteFraction, hurdleFactor, plateau, mutation, seed, evaluationLimit, randomStart, calibration,
                confirm, Calibration.Plan.off());
    }

    /**
     * The time limit of one evaluation on {@code stage}: {@link #evaluationLimit()} on A and A2; on B and C,
     * when they recalibrate, that times the recalibration plan's cost in full trainings (2.75 for 3x3), since
     * such an evaluation trains the program that many times over (a C evaluation on the standard preset ran
     * out of 10 minutes before its full-length training began).
     */
    public Duration evaluationLimit(StageName stage) {
        boolean recalibrated = (stage == StageName.B || stage == StageName.C) && recalibration.multipliers().size() > 1;
        return recalibrated
                ? Duration.ofNanos(Math.round(evaluationLimit.toNanos() * Math.max(1, recalibration.cost())))
                : evaluationLimit;
    }

    public SearchConfig {
        require(mode != null, "mode is not set");
        require(budget != null, "budget is not set (setBudget)");
        require(start != null, "start program is not set (setStart)");
        require(startName != null && !startName.isBlank(), "start program's name is not set (setStart)");
        require(stageA != null && !stageA.isEmpty(), "stage A needs at least one task (setStageA)");
        require(mutation != null, "mutation is not set");
        require(calibration != null, "calibration is not set (Calibration.Plan.off() for none)");
        require(recalibration != null, "recalibration is not set (Calibration.Plan.off() for none)");
        require(evaluationLimit != null && evaluationLimit.toNanos() > 0,
                "evaluation limit must be > 0, got " + evaluationLimit);
        stageA = List.copyOf(stageA);
        stageB = stageB == null ? List.of() : List.copyOf(stageB);
        stageC = stageC == null ? List.of() : List.copyOf(stageC);
        require(workers >= 1, "workers must be >= 1, got " + workers);
        require(promoteFraction >= 0 && promoteFraction <= 1, "promote fraction must be in [0, 1], got "
                + promoteFraction);
        require(hurdleFactor >= 0, "hurdle factor must be >= 0, got " + hurdleFactor);
        require(plateau >= 0, "plateau must be >= 0, got " + plateau);
        new Population(populationSize, tournamentSize); // validates both sizes, naming them
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("search config: " + message);
        }
    }

    /** A builder: {@code set*} for the required start program, stage-A tasks and budget, {@code opt*} for the rest. */
    public static Builder builder() {
        return new Builder();
    }

    /** This config's settings in a builder, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.mode = mode;
        b.populationSize = populationSize;
        b.tournamentSize = tournamentSize;
        b.budget = budget;
        b.workers = workers;
        b.start = start;
        b.startName = startName;
        b.stageA = stageA;
        b.stageB = stageB;
        b.stageC = stageC;
        b.promoteFraction = promoteFraction;
        b.hurdleFactor = hurdleFactor;
        b.plateau = plateau;
        b.mutation = mutation;
        b.seed = seed;
        b.evaluationLimit = evaluationLimit;
        b.randomStart = randomStart;
        b.calibration = calibration;
        b.confirm = confirm;
        b.recalibration = recalibration;
        return b;
    }

    /**
     * Builds a {@link SearchConfig}. Defaults: mode EVOLVE, population 50 with tournaments of 2, one worker,
     * no stages B and C, promote fraction 0.1, no hurdles, no plateau restarts, the default mutations, seed
     * 0, a 10-minute evaluation limit, a warm start from copies of the start program, no calibration, no
     * confirmation (the paper's method; the command line's presets turn both on). {@link #build} names
     * a missing or invalid setting.
     */
    public static final class Builder {
        private Mode mode = Mode.EVOLVE;
        private int populationSize = 50;
        private int tournamentSize = 2;
        private Budget budget;
        private int workers = 1;
        private Program start;
        private String startName;
        private List<String> stageA;
        private List<String> stageB = List.of();
        private List<String> stageC = List.of();
        private double promoteFraction = 0.1;
        private double hurdleFactor;
        private int plateau;
        private MutationConfig mutation = MutationConfig.defaults();
        private long seed;
        private Duration evaluationLimit = Duration.ofMinutes(10);
        private boolean randomStart;
        private Calibration.Plan calibration = Calibration.Plan.off();
        private boolean confirm;
        private Calibration.Plan recalibration = Calibration.Plan.off();

        private Builder() {
        }

        /** The program the search starts from (and normalizes against), and its name for reports. */
        public Builder setStart(Program program, String name) {
            this.start = program;
            this.startName = name;
            return this;
        }

        /** The proxy tasks whose mean normalized score is the search's fitness. */
        public Builder setStageA(List<String> tasks) {
            this.stageA = tasks;
            return this;
        }

        public Builder setBudget(Budget newBudget) {
            this.budget = newBudget;
            return this;
        }

        public Builder optMode(Mode newMode) {
            this.mode = newMode;
            return this;
        }

        /** Population size P and tournament size T. */
        public Builder optPopulation(int size, int tournament) {
            this.populationSize = size;
            this.tournamentSize = tournament;
            return this;
        }

        public Builder optWorkers(int count) {
            this.workers = count;
            return this;
        }

        public Builder optStageB(List<String> tasks) {
            this.stageB = tasks;
            return this;
        }

        public Builder optStageC(List<String> tasks) {
            this.stageC = tasks;
            return this;
        }

        public Builder optPromoteFraction(double fraction) {
            this.promoteFraction = fraction;
            return this;
        }

        public Builder optHurdleFactor(double factor) {
            this.hurdleFactor = factor;
            return this;
        }

        public Builder optPlateau(int children) {
            this.plateau = children;
            return this;
        }

        public Builder optMutation(MutationConfig config) {
            this.mutation = config;
            return this;
        }

        public Builder optSeed(long newSeed) {
            this.seed = newSeed;
            return this;
        }

        public Builder optEvaluationLimit(Duration limit) {
            this.evaluationLimit = limit;
            return this;
        }

        public Builder optRandomStart(boolean random) {
            this.randomStart = random;
            return this;
        }

        public Builder optCalibration(Calibration.Plan plan) {
            this.calibration = plan;
            return this;
        }

        public Builder optConfirm(boolean second) {
            this.confirm = second;
            return this;
        }

        /** Calibration again on stages B and C, around the multiplier A (for C: B) chose ({@link #recalibration()}). */
        public Builder optRecalibration(Calibration.Plan plan) {
            this.recalibration = plan;
            return this;
        }

        /** The config; throws IllegalArgumentException naming the first setting that is missing or invalid. */
        public SearchConfig build() {
            return new SearchConfig(mode, populationSize, tournamentSize, budget, workers, start, startName, stageA,
                    stageB, stageC, promoteFraction, hurdleFactor, plateau, mutation, seed, evaluationLimit,
                    randomStart, calibration, confirm, recalibration);
        }
    }

    /** The same search with another budget (e.g. to continue a stored run). */
    public SearchConfig withBudget(Budget newBudget) {
        return toBuilder().setBudget(newBudget).build();
    }

    /** The same search on another number of workers. */
    public SearchConfig withWorkers(int newWorkers) {
        return toBuilder().optWorkers(newWorkers).build();
    }

    /** The named presets: sizes and tasks; the caller supplies start program, workers and seed. */
    public enum Preset {
        /**
         * About 4 minutes on 2 cores: two families on A (a ViT and a character LM at XS, where AdamW is far
         * from the ceiling and SGD clearly behind it), the same at S on B, and two other tasks on C (an MLP
         * on MNIST, a wider MLP on digits trained 5x longer), a check of what was never searched on.
         */
        QUICK(50, 2, "3m", List.of("mnist-vit:XS", "austen-charlm:XS"), List.of("mnist-vit:S", "austen-charlm:S"),
                List.of("mnist-mlp:S", "digits-mlp:M"), 0.1, 500),
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
