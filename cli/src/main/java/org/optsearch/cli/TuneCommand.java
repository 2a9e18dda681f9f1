package org.optsearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.optsearch.lang.Program;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainings;
import org.optsearch.train.run.Tuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch tune}: a log-grid sweep of a program's learning-rate scale (and weight decay). */
@Command(name = "tune",
        header = "Sweep a program's learning-rate scale (and weight decay, if declared) on a task; report the best.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The learning-rate scale is the hyperparameter lr_scale, or else the constant c of the first "
                    + "statement 'x = lr * c'. It is multiplied by 10^-2 .. 10^2 in half decades; weight decay "
                    + "(hyperparameter wd), when declared, by 10^-1 .. 10^1 in half decades. Each point is trained "
                    + "with seeds 1..K and scored by its mean fitness (a diverged run fails the point).",
            "This is how baselines are made fair: compare programs each at their best."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:tuned", "2:invalid program, no learning-rate scale, unknown task, bad data or usage"})
final class TuneCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "NAME|FILE", description = "Built-in task or task file.")
    private String taskName;

    @Option(names = "--program", required = true, paramLabel = "FILE", description = "The optimizer program (.opt).")
    private Path programFile;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "1", description = "Seeds per point (default: ${DEFAULT-VALUE}).")
    private int seeds;

    @Mixin
    private RunOptions run;

    @Option(names = "--write", paramLabel = "FILE", description = "Write the program with the best values as its "
            + "hyperparameter defaults to FILE.")
    private Path write;

    private record Scored(Tuning.Point point, double fitness, int diverged) {
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunOptions.checkSeeds(seeds);
        Program program;
        List<Tuning.Point> grid;
        try {
            program = Tuning.withLearningRateScale(ProgramFile.readValid(programFile, err));
            grid = Tuning.grid(program);
        } catch (IllegalArgumentException e) {
            throw new CliException(programFile + ": " + e.getMessage());
        }
        Task task = TaskOptions.resolve(taskName, run.steps, null);
        List<Trainings.Job> jobs = new ArrayList<>();
        for (Tuning.Point point : grid) {
            Program candidate = program.withHyperparameters(point.values());
            for (int s = 1; s <= seeds; s++) {
                jobs.add(new Trainings.Job(task.withConfig(task.config().withSeed(s)), candidate, programFile.toString()));
            }
        }
        int w = run.workers();
        err.printf(Locale.ROOT, "tune: %s on %s, %d grid points x %d seed(s) on %d workers%n", programFile,
                task.name(), grid.size(), seeds, w);
        err.flush();
        int[] done = {0};
        List<TrainResult> results = Trainings.run(jobs, w, r -> {
            done[0]++;
            if (done[0] % Math.max(1, jobs.size() / 10) == 0 || done[0] == jobs.size()) {
                err.printf(Locale.ROOT, "  %d/%d trainings done%n", done[0], jobs.size());
                err.flush();
            }
        });
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            double sum = 0;
            int diverged = 0;
            for (int s = 0; s < seeds; s++) {
                TrainResult r = results.get(i * seeds + s);
                diverged += r.diverged() ? 1 : 0;
                sum += r.fitness();
            }
            scored.add(new Scored(grid.get(i), diverged > 0 ? TrainResult.FAILED : sum / seeds, diverged));
        }
        scored.sort(Comparator.comparingDouble(Scored::fitness).reversed());
        Map<String, Double> defaults = program.hyperparameters();
        out.printf(Locale.ROOT, "%-12s  %-12s  %10s  %s%n", Tuning.LR_SCALE, Tuning.WEIGHT_DECAY, "fitness", "");
        for (Scored s : scored) {
            Double wd = s.point().values().get(Tuning.WEIGHT_DECAY);
            boolean isDefault = s.point().values().entrySet().stream()
                    .allMatch(e -> Math.abs(e.getValue() / defaults.get(e.getKey()) - 1) < 1e-9);
            out.printf(Locale.ROOT, "%-12s  %-12s  %10s  %s%n", fmt(s.point().values().get(Tuning.LR_SCALE)),
                    wd == null ? "-" : fmt(wd), s.fitness() == TrainResult.FAILED ? "diverged"
                            : String.format(Locale.ROOT, "%.4f", s.fitness()), isDefault ? "(default)" : "");
        }
        Scored best = scored.get(0);
        if (best.fitness() == TrainResult.FAILED) {
            out.println("every grid point diverged");
            out.flush();
            return 0;
        }
        out.println();
        out.println("best: " + best.point().values() + ", fitness " + String.format(Locale.ROOT, "%.4f", best.fitness()));
        double bestLr = best.point().values().get(Tuning.LR_SCALE);
        double ratio = bestLr / defaults.get(Tuning.LR_SCALE);
        if (ratio > 99 || ratio < 0.0101) {
            out.println("note: the best learning-rate scale is at the edge of the grid; tune the program written with "
                    + "--write again to look further");
        }
        if (write != null) {
            Files.writeString(write, "# " + programFile.getFileName() + " tuned on " + task.name() + " by optsearch tune\n"
                    + program.withHyperparameters(best.point().values()).print());
            out.println("wrote " + write);
        }
        out.flush();
        return 0;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
