package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Mode;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchResult;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.train.task.Tasks;
import picocli.CommandLine.Command;
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
                    + "(same dataflow hash, or same numeric fingerprint) reuse its fitness. Fitness is the mean "
                    + "normalized score on the stage-A tasks (1 = the start program, 0 = chance); trainings far "
                    + "behind the start program at a checkpoint stop at a hurdle. The best candidates go on to "
                    + "stage B (about 10x larger tasks), and those that beat the start program there to stage C.",
            "Presets: quick (a few minutes: digits-mlp S/M/L, population 50), standard (2h: mnist-vit and "
                    + "austen-charlm S/M/L, population 200), paper (P = 1000, T = 2)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:searched", "2:invalid start program, unknown task, bad data, or bad usage"})
final class SearchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", paramLabel = "quick|standard|paper", defaultValue = "quick",
            description = "Sizes and tasks (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--budget", paramLabel = "10m|2h|N-evals", description = "Time (90s, 10m, 2h, 1d) or number "
            + "of stage-A evaluations (500-evals); default: the preset's.")
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
            + "program, each with 1/R of the budget and its own seed (seed, seed+1, ...); the best is reported "
            + "(default: ${DEFAULT-VALUE}).")
    private int runs;

    @Option(names = "--mutation-weights", paramLabel = "I:D:M", defaultValue = "1:1:1", description = "Relative "
            + "weights of insert, delete and modify (default: ${DEFAULT-VALUE}).")
    private String mutationWeights;

    @Option(names = "--functions", split = ",", paramLabel = "F1,F2", description = "The functions inserted "
            + "statements may use (default: all 45 of the paper plus clip); e.g. interp,sign,sqrt,+,*.")
    private List<String> functions;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "40", description = "Most statements a program "
            + "may have (default: ${DEFAULT-VALUE}).")
    private int maxLength;

    @Option(names = "--hurdle", paramLabel = "X", defaultValue = "2.0", description = "Stop a training whose "
            + "validation loss exceeds X times the start program's at a checkpoint; 0 = no hurdles "
            + "(default: ${DEFAULT-VALUE}).")
    private double hurdle;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The one seed of the run "
            + "(default: ${DEFAULT-VALUE}); one worker and an N-evals budget reproduce a run exactly.")
    private long seed;

    @Option(names = "--json", description = "Print, as the last line, one JSON object: generated, evaluated, "
            + "cacheHits, cacheHitRate, invalid, bestFitness, baselineFitness, bestProgram, and more.")
    private boolean json;

    @Override
    @SuppressWarnings("try") // the status line only needs closing
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SearchConfig.Preset p = choice(SearchConfig.Preset.class, "--preset", preset);
        Mode m = choice(Mode.class, "--mode", mode);
        Path startPath = startFile != null ? startFile : Tasks.dataDir().getParent().resolve("programs/adamw.opt");
        Program start = ProgramFile.readValid(startPath, err);
        Budget b;
        try {
            b = Budget.parse(budget != null ? budget : p.budget);
        } catch (IllegalArgumentException e) {
            throw new CliException("--budget: " + e.getMessage());
        }
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (runs < 1) {
            throw new CliException("--runs must be >= 1, got " + runs);
        }
        Budget perRun = runs == 1 ? b : b.time() != null ? new Budget(b.time().dividedBy(runs), 0)
                : new Budget(null, Math.max(1, b.evaluations() / runs));
        SearchEngine bestEngine = null;
        SearchResult result = null;
        for (int r = 0; r < runs; r++) {
            SearchConfig config;
            SearchEngine engine;
            try {
                config = new SearchConfig(m, population != null ? population : p.population,
                        tournament != null ? tournament : p.tournament, perRun, w, start,
                        startPath.getFileName().toString(), stageA != null ? stageA : p.stageA,
                        stages(stageB, p.stageB), stages(stageC, p.stageC), p.promoteFraction, hurdle,
                        plateau != null ? plateau : p.plateau, mutation(), seed + r, Duration.ofMinutes(10),
                        randomStart);
                engine = new SearchEngine(config, name -> TaskOptions.resolve(name, null, null),
                        new SearchListener() { }, System::nanoTime);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            err.printf(Locale.ROOT, "search%s: %s, mode %s, budget %s, %d worker%s, population %d, tournament %d, seed %d%n",
                    runs == 1 ? "" : " run " + (r + 1) + " of " + runs, p.name().toLowerCase(Locale.ROOT),
                    m.name().toLowerCase(Locale.ROOT), perRun, w, w == 1 ? "" : "s", config.populationSize(),
                    config.tournamentSize(), config.seed());
            err.printf(Locale.ROOT, "  stage A %s | B %s | C %s; start %s%n", config.stageA(), config.stageB(),
                    config.stageC(), startPath);
            err.println("  training the start program on every stage-A task (the reference) ...");
            err.flush();
            SearchResult one;
            try (StatusLine status = StatusLine.start(err, engine::status, !json)) {
                one = engine.run();
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            if (runs > 1) {
                out.printf(Locale.ROOT, "run %d (seed %d): best A fitness %.4f after %d evaluations%n", r + 1,
                        config.seed(), one.status().bestA(), one.status().evaluated());
            }
            if (result == null || one.status().bestA() > result.status().bestA()) {
                result = one;
                bestEngine = engine;
            }
        }
        err.println("  scoring the best programs on stages B and C, next to Lion ...");
        err.flush();
        Map<String, Program> references = new LinkedHashMap<>();
        Path lion = Tasks.dataDir().getParent().resolve("programs/lion.opt");
        references.put("lion.opt (shipped defaults)", ProgramFile.readValid(lion, err));
        List<SearchEngine.Finalist> finalists = bestEngine.finale(result, 3, references);
        if (runs > 1) {
            out.println();
            out.println("the best run:");
        }
        SearchSummary.print(out, result, finalists);
        if (json) {
            out.println(toJson(result, finalists));
        }
        out.flush();
        return 0;
    }

    private MutationConfig mutation() {
        String[] parts = mutationWeights.split(":");
        if (parts.length != 3) {
            throw new CliException("--mutation-weights must be three numbers I:D:M (insert, delete, modify), got '"
                    + mutationWeights + "'");
        }
        double[] w = new double[3];
        for (int i = 0; i < 3; i++) {
            try {
                w[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new CliException("--mutation-weights: '" + parts[i] + "' is not a number");
            }
        }
        try {
            MutationConfig c = MutationConfig.defaults().withWeights(MutationConfig.weights(w[0], w[1], w[2]))
                    .withMaxLength(maxLength);
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

    static ObjectNode toJson(SearchResult r, List<SearchEngine.Finalist> finalists) {
        ObjectNode o = JSON.createObjectNode();
        var s = r.status();
        o.put("generated", s.generated());
        o.put("evaluated", s.evaluated());
        o.put("cacheHits", s.hashHits() + s.fingerprintHits());
        o.put("hashHits", s.hashHits());
        o.put("fingerprintHits", s.fingerprintHits());
        o.put("cacheHitRate", s.cacheHitRate());
        o.put("invalid", s.invalid());
        o.put("redundancy", s.redundancy());
        o.put("hurdleStops", s.hurdleStops());
        o.put("savedSteps", s.savedSteps());
        o.put("failures", s.failures());
        o.put("evaluatedB", s.evaluatedB());
        o.put("evaluatedC", s.evaluatedC());
        o.put("seconds", s.seconds());
        o.put("bestFitness", s.bestA());
        o.put("baselineFitness", 1.0);
        SearchEngine.Finalist best = finalists.get(0);
        o.put("bestProgram", best.program().print());
        ArrayNode top = o.putArray("finalists");
        for (SearchEngine.Finalist f : finalists) {
            ObjectNode n = top.addObject();
            n.put("name", f.name());
            putNumber(n, "fitnessA", f.fitnessA());
            putNumber(n, "fitnessB", f.fitnessB());
            putNumber(n, "fitnessC", f.fitnessC());
            n.put("program", f.program().print());
        }
        return o;
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
