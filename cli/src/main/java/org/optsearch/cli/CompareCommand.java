package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.optsearch.lang.Program;
import org.optsearch.train.run.Objective;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch compare}: programs side by side on tasks, over seeds, with learning-curve plots. */
@Command(name = "compare",
        header = "Train every program on every task over several seeds; print the table, plot the curves.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Trains each program on each task with seeds 1..K (in parallel across workers, each training "
                    + "single-threaded), prints fitness and validation loss as mean and standard deviation over "
                    + "seeds, and writes to DIR: one PNG of validation curves per task (mean over seeds), "
                    + "results.json (every run), summary.json and results.csv (per task and program: per-seed "
                    + "fitness, divergence count, means, the paired difference to the first program).",
            "Every seed counts: a diverged run scores as chance (normalized 0) in the mean and the row says "
                    + "how many diverged. Each program after the first is paired with the first by seed: the mean "
                    + "difference of fitness and its 95%% t interval, 'better' or 'worse' when the interval "
                    + "excludes 0.",
            "Seeds default to 1..K; tune defaults to 1001.., so a program tuned and compared with the "
                    + "defaults is never compared on a seed it was tuned on."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:compared", "2:invalid program, unknown task, bad task file or data, or bad usage"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--tasks", required = true, split = ",", paramLabel = "T1,T2,...",
            description = "Built-in tasks (name or name:XS|S|M|L) or task files.")
    private List<String> taskNames;

    @Option(names = "--programs", required = true, split = ",", paramLabel = "P1,P2,...",
            description = "Optimizer programs (.opt).")
    private List<Path> programFiles;

    @Option(names = "--seeds", paramLabel = "K|A..B|A,B,..", defaultValue = "3", description = "Seeds per task "
            + "and program: a count (seeds OFFSET+1..OFFSET+K), a range or a list (default: ${DEFAULT-VALUE}).")
    private String seedSpec;

    @Option(names = "--seed-offset", paramLabel = "OFFSET", defaultValue = "0", description = "With a count, "
            + "the seeds start after OFFSET (default: ${DEFAULT-VALUE}; tune's default is 1000).")
    private long seedOffset;

    @Mixin
    private RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", description = "Where plots and results go "
            + "(default: runs/compare-<date-time>).")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SeedList seeds = SeedList.parse(seedSpec, seedOffset);
        Map<String, Program> programs = new LinkedHashMap<>();
        for (Path p : programFiles) {
            programs.put(p.toString(), ProgramFile.readValid(p, err));
        }
        List<Task> tasks = new ArrayList<>();
        for (String t : taskNames) {
            tasks.add(TaskOptions.resolve(t, run.steps, null));
        }
        List<Trainings.Job> jobs = new ArrayList<>();
        for (Task task : tasks) {
            for (Map.Entry<String, Program> p : programs.entrySet()) {
                for (long s : seeds.seeds()) {
                    jobs.add(new Trainings.Job(task.withConfig(task.config().withSeed(s)), p.getValue(), p.getKey()));
                }
            }
        }
        Path dir = out != null ? out : Path.of("runs", "compare-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        int w = run.workers();
        err.printf(Locale.ROOT, "compare: %d trainings (%d tasks x %d programs x %d seeds: %s) on %d workers%n",
                jobs.size(), tasks.size(), programs.size(), seeds.size(), seeds.describe(), w);
        err.flush();
        int[] done = {0};
        List<TrainResult> results = Trainings.run(jobs, w, r -> {
            done[0]++;
            err.printf(Locale.ROOT, "  [%d/%d] %s, %s, %s%n", done[0], jobs.size(), r.task(), r.program(),
                    r.diverged() ? "diverged" : String.format(Locale.ROOT, "fitness %.4f", r.fitness()));
            err.flush();
        });
        List<ComparisonTable.Run> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            runs.add(new ComparisonTable.Run(jobs.get(i).task().config().seed(), results.get(i)));
        }
        List<ComparisonTable.Row> rows = ComparisonTable.rows(tasks, programs.keySet(), runs);
        ComparisonTable.print(o, rows);
        for (Task task : tasks) {
            List<CurvePlot.Line> lines = new ArrayList<>();
            for (String program : programs.keySet()) {
                CurvePlot.Line line = ComparisonTable.meanCurve(task.name(), program, results);
                if (line != null) {
                    lines.add(line);
                }
            }
            String yLabel = task.objective() == Objective.LANGUAGE ? "validation loss (nats/char)" : "validation loss";
            Path png = dir.resolve(CurvePlot.fileName(task.name()));
            CurvePlot.write(png, task.name() + ": validation loss, mean over " + seeds + " seed(s)", yLabel, lines);
        }
        ArrayNode all = new ObjectMapper().createArrayNode();
        for (int i = 0; i < results.size(); i++) {
            all.add(TrainCommand.toJson(jobs.get(i).task(), results.get(i)).put("seed", jobs.get(i).task().config().seed()));
        }
        Files.writeString(dir.resolve("results.json"), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(all) + "\n");
        Files.writeString(dir.resolve("summary.json"), new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(ComparisonTable.json(rows)) + "\n");
        Files.writeString(dir.resolve("results.csv"), ComparisonTable.csv(rows));
        o.println();
        o.println("plots and results: " + dir);
        o.flush();
        return 0;
    }
}
