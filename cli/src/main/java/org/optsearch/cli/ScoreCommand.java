package org.optsearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.optsearch.lang.Program;
import org.optsearch.report.ScoreReport;
import org.optsearch.suite.Scoreboard;
import org.optsearch.suite.Scorer;
import org.optsearch.suite.SearchSpace;
import org.optsearch.suite.Targets;
import org.optsearch.suite.Workload;
import org.optsearch.suite.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch score}: steps to target on the benchmark's workloads, performance profiles, speedups. */
@Command(name = "score",
        header = "Benchmark optimizer programs: steps to tuned-baseline targets, performance profiles, speedup over AdamW.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = ScoreTargetsCommand.class,
        description = {
            "Trains each program on each workload until its validation metric reaches the workload's target"
                    + " (checked every evaluation interval; a miss or divergence counts as infinitely many steps),"
                    + " then compares steps with the tuned baselines: the performance-profile score (1 = fastest"
                    + " everywhere, 0 = never within 4x), the geometric-mean speedup over AdamW, and a one-sided"
                    + " Welch t-test where a program claims to beat AdamW. Prints a table, writes one HTML page.",
            "Rulesets: self (the program's own constants, --seeds seeds, median) or external (--trials quasi-random"
                    + " trials from --space in --studies studies; per workload the median over studies of the fastest"
                    + " trial). Targets: the shipped ones, or --targets FILE ('optsearch score targets' makes them)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:scored", "2:invalid program, unknown workload, missing target, bad file or usage"})
final class ScoreCommand implements Callable<Integer> {
    enum Ruleset { self, external }

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "PROGRAM.opt", arity = "0..*", description = "Optimizer programs to score.")
    private List<Path> programFiles = new ArrayList<>();

    @Option(names = "--ruleset", defaultValue = "self", description = "self or external (default: ${DEFAULT-VALUE}).")
    private Ruleset ruleset;

    @Option(names = "--workloads", defaultValue = "all", paramLabel = "a,b|all",
            description = "Workloads: names, 'all' (the fixed set) or 'variants' (held-out checks); default: all.")
    private String workloads;

    @Option(names = "--task", paramLabel = "FILE", description = "A workload from a task file (repeatable); its target"
            + " must be in the targets file. With --task, only the task files are scored unless --workloads names others.")
    private List<String> taskFiles = new ArrayList<>();

    @Option(names = "--seeds", defaultValue = "3", paramLabel = "N", description = "Seeds per workload, self-tuning (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Option(names = "--space", paramLabel = "FILE", description = "Search space (JSON/YAML) for external tuning.")
    private Path space;

    @Option(names = "--trials", defaultValue = "5", paramLabel = "N", description = "Trials per study, external (default: ${DEFAULT-VALUE}).")
    private int trials;

    @Option(names = "--studies", defaultValue = "3", paramLabel = "S", description = "Independent studies, external (default: ${DEFAULT-VALUE}).")
    private int studies;

    @Option(names = "--targets", paramLabel = "FILE", description = "Targets file (default: the shipped targets).")
    private Path targetsFile;

    @Option(names = "--workers", paramLabel = "W", description = "Parallel trainings (default: the number of cores).")
    private Integer workers;

    @Option(names = "--html", paramLabel = "FILE", description = "The page to write (default: runs/score-<date-time>.html).")
    private Path html;

    @Option(names = "--json", description = "Also print one JSON object as the last line.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (programFiles.isEmpty()) {
            throw new CliException("give one or more PROGRAM.opt files to score (e.g. programs/lion.opt), or run"
                    + " 'optsearch score targets' to regenerate the targets");
        }
        if (seeds < 1) {
            throw new CliException("--seeds must be >= 1, got " + seeds);
        }
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (w < 1) {
            throw new CliException("--workers must be >= 1, got " + w);
        }
        List<Scorer.Submission> programs = new ArrayList<>();
        for (Path p : programFiles) {
            Program program = ProgramFile.readValid(p, err);
            String name = p.getFileName().toString();
            boolean taken = programs.stream().anyMatch(x -> x.name().equals(name));
            programs.add(new Scorer.Submission(taken ? p.toString() : name, program));
        }
        Targets targets = loadTargets(targetsFile);
        List<Workload> chosen = selectWorkloads(spec, workloads, taskFiles);
        Scorer.External external = null;
        if (ruleset == Ruleset.external) {
            if (space == null) {
                throw new CliException("--ruleset external needs --space FILE: a search space, e.g. "
                        + "{\"parameters\": {\"lr_scale\": {\"min\": 1e-4, \"max\": 1e-2, \"scale\": \"log\"}}}, "
                        + "or programs/spaces/step.yaml (the step size and warm-up only: fits any program, a search's "
                        + "result included)");
            }
            try {
                external = new Scorer.External(SearchSpace.read(space), trials, studies);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
        }
        int perProgram = chosen.size() * (external == null ? seeds : trials * studies);
        err.printf("score: %d programs x %d workloads, %d trainings on %d workers%n", programs.size(), chosen.size(),
                programs.size() * perProgram, w);
        err.flush();
        SuiteProgress progress = SuiteProgress.forConsole(err);
        Scoreboard board;
        try {
            board = Scorer.score(programs, chosen, targets, seeds, external, w,
                    (done, total, last) -> progress.update("scoring", done, total));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Path page = html != null ? html : Path.of("runs", "score-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".html");
        ScoreOutput.table(o, board, targets);
        ScoreReport.write(ScoreOutput.page(board, targets), page);
        o.println("page: " + page);
        if (json) {
            o.println(ScoreOutput.json(board, targets, page.toString()).toString());
        }
        o.flush();
        return 0;
    }

    /** The targets file given, or the shipped one; a clear error when there is none. */
    static Targets loadTargets(Path file) {
        try {
            if (file != null) {
                return Targets.read(file);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Targets shipped = Targets.shipped();
        if (shipped == null) {
            throw new CliException("no targets ship with this build yet; make them with 'optsearch score targets'"
                    + " (it writes the shipped file of this checkout, which the next build includes; about 35 minutes"
                    + " on two idle cores), or pass --targets FILE");
        }
        return shipped;
    }

    /** The named workloads and those from task files; with task files, named ones only when --workloads was given. */
    static List<Workload> selectWorkloads(CommandSpec spec, String names, List<String> taskFiles) {
        List<Workload> chosen = new ArrayList<>();
        try {
            if (taskFiles.isEmpty() || spec.commandLine().getParseResult().hasMatchedOption("--workloads")) {
                chosen.addAll(Workloads.select(names));
            }
            for (String f : taskFiles) {
                chosen.add(Workloads.fromTask(TaskOptions.resolve(f, null, null)));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        return chosen;
    }
}
