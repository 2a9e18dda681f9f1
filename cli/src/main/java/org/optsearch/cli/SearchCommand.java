package org.optsearch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import org.optsearch.search.Finalist;
import org.optsearch.store.ResumePoint;
import org.optsearch.store.RunInfo;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreException;
import org.optsearch.store.StoreLock;
import org.optsearch.store.StoredRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.FunnelSelection;
import org.optsearch.search.Mode;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchResult;
import org.optsearch.suite.Scorer;
import org.optsearch.suite.SearchSpace;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.train.run.Task;
import org.optsearch.train.task.Tasks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch search}: the paper's evolutionary search for optimizer programs. */
@Command(name = "search",
        header = "Search for optimizer programs by regularized evolution (Chen et al. 2023).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Starts from a population of copies of the start program (AdamW by default) and evolves it: "
                    + "tournament selection, mutation (insert, delete, modify), the oldest member leaves. Each "
                    + "new program is checked by abstract execution; programs computing an already scored function "
                    + "(same dataflow hash, or same numeric fingerprint) reuse its fitness. Each new program's step "
                    + "size is calibrated on stage A by successive halving (short trainings at several multipliers, "
                    + "the better half going on for longer) and the best multiplier is folded into it. Fitness is "
                    + "the mean normalized validation loss on the stage-A tasks (1 = the start program, itself "
                    + "calibrated; 0 = chance); trainings far behind the start program at a checkpoint stop at a "
                    + "hurdle. The best candidates are trained again on A with the next seed, and when they beat "
                    + "the start program there too they go on to stage B (larger tasks), and those that beat it "
                    + "there to stage C. The result is the best program on the highest stage reached.",
            "Presets: quick (about 4 minutes: mnist-vit and austen-charlm at XS, S on B, mnist-mlp S and "
                    + "digits-mlp M on C; population 50), standard (2h: mnist-vit and austen-charlm S/M/L, "
                    + "population 200), paper (P = 1000, T = 2)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:searched (stages skipped or finalists failed on the way are marked in the summary)",
            "2:invalid start program, unknown task, bad data, bad usage, or the store or report could not be "
                    + "written at the end (the summary and JSON still are)"})
final class SearchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** The calibration plan of {@code --calibrate}: {@code NxR} or {@code off}. */
    private Calibration.Plan calibrationPlan() {
        return plan("--calibrate", calibrate);
    }

    /** A plan given as {@code NxR} (N half-decade multipliers around 1, R rungs) or {@code off}. */
    static Calibration.Plan plan(String option, String given) {
        String text = given.trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("off")) {
            return Calibration.Plan.off();
        }
        String[] parts = text.split("x");
        try {
            if (parts.length == 2) {
                return Calibration.Plan.halfDecades(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        } catch (IllegalArgumentException e) {
            throw new CliException(option + " '" + given + "': " + e.getMessage());
        }
        throw new CliException(option + " '" + given + "' is not NxR (e.g. 9x5: 9 multipliers, 5 rungs) or off");
    }

    @Option(names = "--preset", paramLabel = "quick|standard|paper", defaultValue = "quick",
            description = "Sizes and tasks (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--budget", paramLabel = "10m|2h|N-evals", description = "Time (90s, 10m, 2h, 1d) or number "
            + "of stage-A evaluations (500-evals); default: the preset's. When it is spent no evaluation starts; those in "
            + "flight finish first (a stage-C one can take many minutes), then the finale.")
    private String budget;

    @Option(names = "--workers", paramLabel = "N", description = "Parallel evaluations (default: the number of cores).")
    private Integer workers;

    @Option(names = "--start", paramLabel = "FILE", description = "Start program (default: programs/adamw.opt); the "
            + "reference every fitness is normalized by.")
    private Path startFile;

    @Option(names = "--random-start", description = "Fill the first population with random programs instead of "
            + "copies of the start program (which stays the reference).")
    private boolean randomStart;

    @Option(names = "--mode", paramLabel = "evolve|constants|random", defaultValue = "evolve",
            description = "evolve programs; or only the start program's constants; or random programs "
                    + "(default: ${DEFAULT-VALUE}).")
    private String mode;

    @Option(names = "--tasks", split = ",", paramLabel = "T1,T2", description = "Stage-A tasks (default: the preset's).")
    private List<String> stageA;

    @Option(names = "--tasks-b", split = ",", paramLabel = "T1,T2", description = "Stage-B tasks (default: the "
            + "preset's; 'none' for no stage B).")
    private List<String> stageB;

    @Option(names = "--tasks-c", split = ",", paramLabel = "T1,T2", description = "Stage-C tasks (default: the "
            + "preset's; 'none' for no stage C).")
    private List<String> stageC;

    @Option(names = "--population", paramLabel = "P", description = "Population size (default: the preset's).")
    private Integer population;

    @Option(names = "--tournament", paramLabel = "T", description = "Tournament size (default: the preset's).")
    private Integer tournament;

    @Option(names = "--plateau", paramLabel = "K", description = "Restart from the best program after K children "
            + "without improvement; 0 = never (default: the preset's).")
    private Integer plateau;

    @Option(names = "--runs", paramLabel = "R", defaultValue = "1", description = "Independent runs from the start "
            + "program, each with 1/R of the budget and its own seed (seed, seed+1, ...); the finale takes the run "
            + "whose best program went furthest up the funnel (C over B over A) (default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--mutation-weights", paramLabel = "I:D:M[:T]", defaultValue = "1:1:1", description = "Relative "
            + "weights of insert, delete, modify and, optionally, tune (change one constant, the constants mode's "
            + "move; 0 when not given) (default: ${DEFAULT-VALUE}).")
    private String mutationWeights;

    @Option(names = "--functions", split = ",", paramLabel = "F1,F2", description = "The functions inserted "
            + "statements may use (default: all 45 of the paper plus clip, and the recent rms, mean, shape_factor, "
            + "orthogonalize); e.g. interp,sign,sqrt,+,*.")
    private List<String> functions;

    @Option(names = "--allow-constant-step", description = "Let children stop following the learning-rate input "
            + "(and so the warm-up and cosine schedule): by default a child of a program whose update scales with lr "
            + "must scale with it too, and a random program must; off is the paper's unconstrained space.")
    private boolean allowConstantStep;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "40", description = "Most statements a program "
            + "may have (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--calibrate", paramLabel = "NxR|off", defaultValue = "9x5", description = "Step-size "
            + "calibration of every program on stage A: N half-decade multipliers around 1 (odd), R rungs of "
            + "successive halving; 'off' trains programs as written (default: ${DEFAULT-VALUE}).")
    private String calibrate;

    @Option(names = "--recalibrate", paramLabel = "NxR|off", defaultValue = "3x3", description = "Step-size "
            + "calibration again on stages B and C, on their own tasks: N half-decade multipliers around the one "
            + "stage A chose (on C: the one B chose), R rungs; the start program and the reference programs are "
            + "recalibrated the same way; 'off' trains B and C at A's step size (default: ${DEFAULT-VALUE}).")
    private String recalibrate;

    @Option(names = "--compare", paramLabel = "FILE", description = "A program of your own to score at the end next "
            + "to the result and Lion, on every stage as a candidate is scored (calibrated on A, recalibrated on B "
            + "and C); repeat for more.")
    private List<Path> compareFiles;

    /** The programs of --compare by their file names, read before the search (a bad one is named first). */
    private final Map<String, Program> compared = new LinkedHashMap<>();

    @Option(names = "--confirm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Promote from A to B only after a second stage-A training with the next seed also beats "
                    + "the start program (default: on; --no-confirm promotes on one seed).")
    private boolean confirm;

    @Option(names = "--score", description = "The funnel's last stage: score the result, the start program and Lion "
            + "on the benchmark suite (self-tuning ruleset, 8 workloads x 3 seeds; about 30 s of one core per "
            + "program) and print their scores side by side.")
    private boolean score;

    @Option(names = "--score-space", paramLabel = "FILE", description = "With --score: the external ruleset instead, "
            + "each program's parameters tuned over the search space in FILE first, as a user tunes a new optimizer "
            + "(e.g. programs/spaces/step.yaml: the step size and warm-up, which fit any program); "
            + "--score-trials x --score-studies trainings per workload and program.")
    private Path scoreSpace;

    @Option(names = "--score-trials", paramLabel = "N", defaultValue = "5", description = "With --score-space: "
            + "trials per study (default: ${DEFAULT-VALUE}).")
    private int scoreTrials;

    @Option(names = "--score-studies", paramLabel = "S", defaultValue = "3", description = "With --score-space: "
            + "independent studies; per workload the median over studies of the fastest trial (default: "
            + "${DEFAULT-VALUE}).")
    private int scoreStudies;

    /** The suite's external ruleset, from --score-space (null, as scoreSpace is: the self-tuning ruleset). */
    private Scorer.External suiteTuning;

    @Option(names = "--hurdle", paramLabel = "X", defaultValue = "2.0", description = "Stop a training whose "
            + "validation loss exceeds X times the start program's at a checkpoint; 0 = no hurdles "
            + "(default: ${DEFAULT-VALUE}).")
    private double hurdle;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The one seed of the run "
            + "(default: ${DEFAULT-VALUE}); one worker and an N-evals budget reproduce a run exactly.")
    private long seed;

    @Option(names = "--store", paramLabel = "FILE", description = "The run store to write (default: "
            + "runs/<date-time>.db); the HTML report goes next to it.")
    private Path storeFile;

    @Option(names = "--no-store", description = "Keep nothing on disk: no run store, no report (for quick trials and "
            + "benchmarks).")
    private boolean noStore;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue a stored run (killed or finished) with "
            + "its own config; --budget (default: what was left) and --workers may be given.")
    private Path resumeFile;

    @Option(names = "--replay", paramLabel = "FILE", description = "Rerun a stored run from its config and seed on one "
            + "worker and report whether its stage-A evaluations reproduce.")
    private Path replayFile;

    @Option(names = "--json", description = "Print, as the last line, one JSON object: generated, evaluated, "
            + "cacheHits, cacheHitRate, invalid, bestFitness, baselineFitness, bestProgram, finalists (each with "
            + "fitnessA/B/C, null where not scored, failedStages and notes), warnings, and more.")
    private boolean json;

    @Option(names = "--live", paramLabel = "SECONDS", defaultValue = "30", description = "Rewrite the HTML report "
            + "every SECONDS while the search runs; 0 = only at the end (default: ${DEFAULT-VALUE}).")
    private int live;

    @Mixin
    private ClusterOptions cluster;

    /** The cluster (when --cluster) and the live report. */
    private StoredSearch.Setup setup() {
        if (live < 0) {
            throw new CliException("--live must be >= 0 seconds, got " + live);
        }
        for (String option : List.of("--listen", "--slots", "--token")) {
            if (!cluster.on && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new CliException(option + " is an option of a clustered search: add --cluster");
            }
        }
        return new StoredSearch.Setup(cluster.on ? cluster.settings() : null, live);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (resumeFile != null) {
            return resume(out, err);
        }
        if (replayFile != null) {
            return Replay.run(replayFile, out, err);
        }
        SearchConfig.Preset p = choice(SearchConfig.Preset.class, "--preset", preset);
        Mode m = choice(Mode.class, "--mode", mode);
        Path startPath = startFile != null ? startFile : Tasks.dataDir().getParent().resolve("programs/adamw.opt");
        Program start = ProgramFile.readValid(startPath, err);
        suiteTuning = suiteTuning(start); // a bad space is named before the search, not after it
        readCompared(err);
        Budget b = budget(budget != null ? budget : p.budget);
        StoredSearch.Setup setup = setup(); // a bad cluster option is named before any store is made
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (runs < 1) {
            throw new CliException("--runs must be >= 1, got " + runs);
        }
        Budget perRun = runs == 1 ? b : b.time() != null ? new Budget(b.time().dividedBy(runs), 0)
                : new Budget(null, Math.max(1, b.evaluations() / runs));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<Path> stores = new ArrayList<>();
        StoredSearch.Outcome best = null;
        Function<String, Task> tasks = null;
        for (int r = 0; r < runs; r++) {
            SearchConfig config;
            try {
                config = SearchConfig.builder().setStart(start, startPath.getFileName().toString())
                        .setStageA(stageA != null ? stageA : p.stageA).setBudget(perRun).optMode(m)
                        .optPopulation(population != null ? population : p.population,
                                tournament != null ? tournament : p.tournament)
                        .optWorkers(w).optStageB(stages(stageB, p.stageB)).optStageC(stages(stageC, p.stageC))
                        .optPromoteFraction(p.promoteFraction).optHurdleFactor(hurdle)
                        .optPlateau(plateau != null ? plateau : p.plateau).optMutation(mutation()).optSeed(seed + r)
                        .optEvaluationLimit(Duration.ofMinutes(10)).optRandomStart(randomStart)
                        .optCalibration(calibrationPlan()).optConfirm(confirm)
                        .optRecalibration(plan("--recalibrate", recalibrate)).build();
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (tasks == null) {
                tasks = StoredSearch.resolveTasks(config); // every run has the same tasks; named before any store
            }
            Path file = storeFile != null ? (runs == 1 ? storeFile : numbered(storeFile, r + 1))
                    : Path.of("runs", stamp + (runs == 1 ? "" : "-run" + (r + 1)) + ".db");
            RunStore store = noStore ? null : createStore(file, config);
            err.printf(Locale.ROOT, "search%s: %s, mode %s, budget %s, %s, population %d, tournament %d, seed %d%n",
                    runs == 1 ? "" : " run " + (r + 1) + " of " + runs, p.name().toLowerCase(Locale.ROOT),
                    m.name().toLowerCase(Locale.ROOT), perRun, cluster.on ? "on a cluster" : w + " worker"
                    + (w == 1 ? "" : "s"), config.populationSize(),
                    config.tournamentSize(), config.seed());
            err.printf(Locale.ROOT, "  stage A %s | B %s | C %s; start %s%n  store %s%n", config.stageA(),
                    config.stageB(), config.stageC(), startPath, noStore ? "none (--no-store)" : file);
            err.println("  training the start program on every stage's tasks (the reference) ...");
            err.flush();
            StoredSearch.Outcome one = StoredSearch.run(config, tasks, store, null, err, true, setup);
            if (store != null) {
                stores.add(file);
            }
            if (runs > 1) {
                out.printf(Locale.ROOT, "run %d (seed %d): best A fitness %.4f after %d evaluations; %s%n", r + 1,
                        config.seed(), one.result().status().bestA(), one.result().status().evaluated(),
                        leading(one.result().leader()));
            }
            if (best == null || one.result().aheadOf(best.result())) {
                best = one;
            }
        }
        return finish(out, err, best, stores);
    }

    /**
     * The suite's external ruleset for {@code --score-space}, checked against the start program as the suite
     * stage will see it (constants written in), or null for the self-tuning ruleset.
     */
    private Scorer.External suiteTuning(Program start) {
        if (scoreSpace == null) {
            return null;
        }
        if (!score) {
            throw new CliException("--score-space tunes the programs that --score scores; add --score");
        }
        try {
            Scorer.External e = new Scorer.External(SearchSpace.read(scoreSpace), scoreTrials, scoreStudies);
            e.space().checkAgainst(start.inlineHyperparameters(), "the start program");
            return e;
        } catch (IllegalArgumentException e) {
            throw new CliException("--score-space: " + e.getMessage() + " (programs/spaces/step.yaml fits any "
                    + "program: a search's result has its constants written in)");
        }
    }

    /** One run's leading program, for the line that ends each of several runs. */
    private static String leading(SearchResult.Entry e) {
        if (e == null) {
            return "no program kept";
        }
        if (e.candidate().id() == 0) {
            return "the start program leads: no candidate beat it";
        }
        String stage = e.beatStartOn();
        if (stage != null) {
            return String.format(Locale.ROOT, "leader candidate %d, ahead of the start program on %s (%.4f)",
                    e.candidate().id(), stage, stage.equals("C") ? e.fitnessC() : e.fitnessB());
        }
        return String.format(Locale.ROOT, "leader candidate %d, best on A (%.4f); nothing beat the start program "
                + "on B or C", e.candidate().id(), e.fitnessA());
    }

    /**
     * The finale, the summary, the report and the JSON line. Each is written even when an earlier one
     * failed (the failure is said on stderr and in the JSON's "warnings"); the exit code is 0 unless the
     * store or the report could not be written.
     */
    private int finish(PrintWriter out, PrintWriter err, StoredSearch.Outcome best, List<Path> stores) {
        err.println("  scoring the best programs on stages B and C, next to Lion ...");
        err.flush();
        List<String> warnings = new ArrayList<>();
        Map<String, Program> references = new LinkedHashMap<>();
        Path lion = Tasks.dataDir().getParent().resolve("programs/lion.opt");
        try {
            references.put("lion.opt (shipped defaults)", ProgramFile.readValid(lion, err));
        } catch (CliException e) {
            warn(err, warnings, "Lion is left out of the comparison: " + (e.getMessage() != null ? e.getMessage()
                    : lion + " is not a valid program"));
        }
        references.putAll(compared);
        List<Finalist> finalists = List.of();
        try {
            finalists = best.engine().finale(best.result(), 3, references, line -> {
                err.println("  " + line);
                err.flush();
            });
        } catch (RuntimeException e) {
            warn(err, warnings, "the end-of-search comparison failed (" + e + "); the search's results follow "
                    + "without it");
        }
        if (stores.size() > 1) {
            out.println();
            out.println("the best run:");
        }
        double spread = resultSpread(err, warnings, best, finalists);
        SearchSummary.print(out, best.result(), finalists, spread);
        List<SuiteStage.Line> suite = null;
        if (score) {
            SearchConfig c = best.engine().config();
            try {
                suite = SuiteStage.score(SuiteStage.programs(FunnelSelection.choose(finalists), c.startName(),
                        c.start().inlineHyperparameters(), references), c.workers(), suiteTuning, err);
                SuiteStage.print(out, suite, scoreSpace);
            } catch (RuntimeException e) {
                warn(err, warnings, "the benchmark suite could not score the result: " + (e.getMessage() != null
                        ? e.getMessage() : e.toString()));
            }
        }
        Path html = null;
        int exit = 0;
        if (!stores.isEmpty()) {
            try {
                html = StoredSearch.report(stores, best.store(), finalists);
            } catch (CliException e) {
                warn(err, warnings, e.getMessage());
                exit = e.exitCode();
            }
            out.println();
            out.println("store:  " + String.join(", ", stores.stream().map(Path::toString).toList()));
            out.println("report: " + (html != null ? html : "not written (see the warning above)"));
        }
        if (json) {
            ObjectNode o = SearchJson.of(best.result(), finalists);
            if (!Double.isNaN(spread) && o.get("result") instanceof ObjectNode res) {
                res.put("startSpread", spread);
            }
            if (suite != null) {
                SuiteStage.json(o, suite, scoreSpace);
            }
            if (!stores.isEmpty()) {
                o.put("store", best.store().toString());
            }
            if (html != null) {
                o.put("report", html.toString());
            }
            if (!warnings.isEmpty()) {
                ArrayNode w = o.putArray("warnings");
                warnings.forEach(w::add);
            }
            out.println(o);
        }
        out.flush();
        return exit;
    }

    /**
     * The start program's seed-to-seed spread on the stage the result was chosen on, so the summary can call a
     * difference smaller than it a tie: 2 more trainings of the start program per task there. NaN when the
     * result is the start program itself (nothing to compare) or the measurement failed (warned).
     */
    private static double resultSpread(PrintWriter err, List<String> warnings, StoredSearch.Outcome best,
            List<Finalist> finalists) {
        FunnelSelection.Result result = FunnelSelection.choose(finalists);
        if (result == null || result.finalist().name().endsWith(FunnelSelection.START_SUFFIX)) {
            return Double.NaN;
        }
        err.println("  measuring the start program's seed-to-seed spread on stage " + result.stage()
                + " (2 more seeds), to tell wins from ties ...");
        err.flush();
        try {
            return best.engine().fitnessSpread(result.stage().charAt(0));
        } catch (RuntimeException e) {
            warn(err, warnings, "the start program's seed-to-seed spread could not be measured (" + e
                    + "); the comparison with it is by value alone");
            return Double.NaN;
        }
    }

    private static void warn(PrintWriter err, List<String> warnings, String what) {
        err.println("optsearch: " + what);
        err.flush();
        warnings.add(what);
    }

    /**
     * Continues a stored run: its config and state, the given (or the remaining) budget, the same store. The
     * store's writer lock is taken first, so that a store another process writes is refused before any work.
     */
    /** Reads the programs of --compare into {@link #compared}; a file that is not a valid program is named. */
    private void readCompared(PrintWriter err) {
        for (Path file : compareFiles == null ? List.<Path>of() : compareFiles) {
            String name = file.getFileName().toString();
            if (compared.putIfAbsent(name, ProgramFile.readValid(file, err)) != null) {
                throw new CliException("--compare " + file + ": a program named " + name + " is compared already; "
                        + "give each file its own name");
            }
        }
    }

    private int resume(PrintWriter out, PrintWriter err) {
        StoreLock lock;
        try {
            lock = RunStore.lockForAppend(resumeFile, commandLine());
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        }
        try {
            return resume(lock, out, err);
        } finally {
            lock.close(); // does nothing once the store took it over and closed
        }
    }

    private int resume(StoreLock lock, PrintWriter out, PrintWriter err) {
        StoredSearch.Setup setup = setup();
        ResumePoint rp;
        SearchConfig config;
        try (StoredRun run = RunStore.open(resumeFile)) {
            rp = run.resumePoint();
            config = run.config();
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        }
        Budget b;
        if (budget != null) {
            b = budget(budget);
        } else if (rp.finished()) {
            throw new CliException(resumeFile + " is a finished run; give --budget to continue it further");
        } else if (config.budget().time() != null) {
            long left = config.budget().time().getSeconds() - (long) rp.elapsedSeconds();
            b = new Budget(Duration.ofSeconds(Math.max(1, left)), 0);
        } else {
            b = new Budget(null, Math.max(1, config.budget().evaluations() - rp.counters().started()));
        }
        config = config.withBudget(b);
        suiteTuning = suiteTuning(config.start());
        readCompared(err);
        if (workers != null) {
            config = config.withWorkers(workers);
        }
        Function<String, Task> tasks = StoredSearch.resolveTasks(config);
        RunStore store;
        try {
            store = RunStore.openForAppend(resumeFile, commandLine(), lock);
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        }
        err.printf(Locale.ROOT, "search: resuming %s after %d programs generated and %d trained; budget %s, %d workers%n",
                resumeFile, rp.counters().generated(), rp.counters().evaluated(), b, config.workers());
        if (!rp.unevaluated().isEmpty()) {
            err.printf(Locale.ROOT, "  %d training(s) in flight when it stopped were lost and are not counted%n",
                    rp.unevaluated().size());
        }
        err.flush();
        StoredSearch.Outcome outcome = StoredSearch.run(config, tasks, store, rp.state(), err, true, setup);
        return finish(out, err, outcome, List.of(resumeFile));
    }

    private RunStore createStore(Path file, SearchConfig config) {
        try {
            return RunStore.create(file, RunInfo.of(config, commandLine()));
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The command line as typed, with the value of --token hidden: it is never stored. */
    private String commandLine() {
        List<String> args = new ArrayList<>(spec.root().commandLine().getParseResult().originalArgs());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--token") && i + 1 < args.size()) {
                args.set(i + 1, "(hidden)");
            } else if (args.get(i).startsWith("--token=")) {
                args.set(i, "--token=(hidden)");
            }
        }
        return "optsearch " + String.join(" ", args);
    }

    private static Path numbered(Path file, int run) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return file.resolveSibling(base + "-run" + run + ".db");
    }

    private static Budget budget(String text) {
        try {
            return Budget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException("--budget: " + e.getMessage());
        }
    }

    private MutationConfig mutation() {
        String[] parts = mutationWeights.split(":");
        if (parts.length != 3 && parts.length != 4) {
            throw new CliException("--mutation-weights must be three or four numbers I:D:M[:T] (insert, delete, modify, "
                    + "tune), got '" + mutationWeights + "'");
        }
        double[] w = new double[4];
        for (int i = 0; i < parts.length; i++) {
            try {
                w[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new CliException("--mutation-weights: '" + parts[i] + "' is not a number");
            }
        }
        try {
            MutationConfig c = MutationConfig.defaults().withWeights(MutationConfig.weights(w[0], w[1], w[2], w[3]))
                    .withMaxLength(maxLength).withFollowLearningRate(!allowConstantStep);
            if (functions != null) {
                List<Op> ops = new java.util.ArrayList<>();
                for (String f : functions) {
                    Op op = operator(f.trim());
                    if (op == null) {
                        String suggestion = Op.suggest(f.trim());
                        throw new CliException("--functions: unknown function '" + f + "'"
                                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : ""));
                    }
                    ops.add(op);
                }
                c = c.withFunctions(ops);
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** A function by its program name, or an infix operator by its symbol. */
    private static Op operator(String name) {
        for (Op op : Op.searchable()) {
            if (op.infix() && op.spelling().equals(name)) {
                return op;
            }
        }
        return Op.byName(name);
    }

    private static List<String> stages(List<String> given, List<String> preset) {
        if (given == null) {
            return preset;
        }
        return given.size() == 1 && given.get(0).equalsIgnoreCase("none") ? List.of() : given;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder names = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new CliException(option + " must be one of " + names + ", got '" + value + "'");
        }
    }
}
