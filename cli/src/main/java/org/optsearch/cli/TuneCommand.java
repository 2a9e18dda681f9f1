package org.optsearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.optsearch.lang.Diagnostic;
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

/** {@code optsearch tune}: a sweep of a program's learning-rate scale (and weight decay) on a task. */
@Command(name = "tune",
        header = "Sweep a program's learning-rate scale (and weight decay, if declared) on a task; report the best.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "The learning-rate scale is the hyperparameter lr_scale, or else the constant c of the first "
                    + "statement 'x = lr * c' or 'x = lr / c'; a program with neither gets a last statement that "
                    + "multiplies its update by a new hyperparameter lr_scale = 1.0. Weight decay is the "
                    + "hyperparameter wd, when declared.",
            "By default the learning-rate scale is multiplied by 9 factors 10^-2 .. 10^2 (half decades) and the "
                    + "weight decay by 5 factors 10^-1 .. 10^1, every combination (--lr-range, --wd-range, "
                    + "--points); --trials N tries N quasi-random (Halton) points of the same box instead.",
            "Each point is trained with each seed and scored by its mean fitness (a diverged run fails the "
                    + "point); equal fitness is decided by the lower mean validation loss. Seeds default to "
                    + "1001..1000+K, disjoint from compare's 1..K, so a tuned program is compared on fresh seeds.",
            "This is how baselines are made fair: compare programs each at their best."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:tuned", "2:invalid program, unknown task, bad data or usage"})
final class TuneCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "NAME|FILE", description = "Built-in task or task file.")
    private String taskName;

    @Option(names = "--program", required = true, paramLabel = "FILE", description = "The optimizer program (.opt).")
    private Path programFile;

    @Option(names = "--seeds", paramLabel = "K|A..B|A,B,..", defaultValue = "1", description = "Seeds per point: a "
            + "count (seeds OFFSET+1..OFFSET+K), a range or a list (default: ${DEFAULT-VALUE}).")
    private String seedSpec;

    @Option(names = "--seed-offset", paramLabel = "OFFSET", defaultValue = "1000", description = "With a count, "
            + "the seeds start after OFFSET (default: ${DEFAULT-VALUE}; compare's default is 0).")
    private long seedOffset;

    @Option(names = "--lr-range", paramLabel = "LO:HI", description = "Factors of the default learning-rate "
            + "scale to try, log scale (default: 0.01:100).")
    private String lrRange;

    @Option(names = "--wd-range", paramLabel = "LO:HI", description = "Factors of the default weight decay "
            + "to try, log scale (default: 0.1:10).")
    private String wdRange;

    @Option(names = "--points", paramLabel = "N", description = "Grid points per tuned hyperparameter, ends "
            + "included (default: 9 for the learning-rate scale, 5 for weight decay).")
    private Integer points;

    @Option(names = "--trials", paramLabel = "N", description = "Try N quasi-random (Halton) points of the "
            + "ranges instead of a grid.")
    private Integer trials;

    @Mixin
    private RunOptions run;

    @Option(names = "--write", paramLabel = "FILE", description = "Write the program with the best values as its "
            + "hyperparameter defaults to FILE.")
    private Path write;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SeedList seeds = SeedList.parse(seedSpec, seedOffset);
        if (points != null && trials != null) {
            throw new CliException("--points and --trials exclude each other: a grid or quasi-random trials");
        }
        Tuning.Range lr = range("--lr-range", lrRange, Tuning.LR_FACTORS);
        Tuning.Range wd = range("--wd-range", wdRange, Tuning.WD_FACTORS);
        Program original = ProgramFile.readValid(programFile, err);
        Tuning.Scaled scaled;
        try {
            scaled = Tuning.learningRateScale(original);
        } catch (IllegalArgumentException e) {
            throw new CliException(programFile + ": " + e.getMessage());
        }
        Program program = scaled.program();
        List<Tuning.Dimension> dims = Tuning.dimensions(program, lr, wd);
        Tuning.Plan plan = plan(dims, seeds);
        Task task = TaskOptions.resolve(taskName, run.steps, null);
        if (scaled.source() == Tuning.ScaleSource.APPENDED) {
            ProgramFile file = ProgramFile.read(programFile);
            for (Diagnostic warning : file.warnings()) {
                err.println("tune: " + DiagnosticPrinter.headline(file.name(), warning));
            }
            err.println("tune: " + programFile + " has no learning-rate scale that acts on its update (no lr_scale, "
                    + "no 'lr * constant' or 'lr / constant'); tuning a factor on the update: '"
                    + program.statements().get(program.statements().size() - 1) + "', lr_scale = 1.0");
        }
        List<Trainings.Job> jobs = new ArrayList<>();
        for (Tuning.Point point : plan.points()) {
            Program candidate = program.withHyperparameters(point.values());
            for (long s : seeds.seeds()) {
                jobs.add(new Trainings.Job(task.withConfig(task.config().withSeed(s)), candidate, programFile.toString()));
            }
        }
        int w = run.workers();
        err.printf(Locale.ROOT, "tune: %s on %s, %d %s x %d seed(s) (%s) on %d workers%n", programFile, task.name(),
                plan.points().size(), trials != null ? "quasi-random trials" : "grid points", seeds.size(),
                seeds.describe(), w);
        err.flush();
        int[] done = {0};
        List<TrainResult> results = Trainings.run(jobs, w, r -> {
            done[0]++;
            if (done[0] % Math.max(1, jobs.size() / 10) == 0 || done[0] == jobs.size()) {
                err.printf(Locale.ROOT, "  %d/%d trainings done%n", done[0], jobs.size());
                err.flush();
            }
        });
        List<TuneTable.Scored> scored = TuneTable.score(plan.points(), results, seeds.size());
        TuneTable.print(out, dims, scored, program.hyperparameters());
        TuneTable.Scored best = scored.get(0);
        if (best.fitness() == TrainResult.FAILED) {
            out.println("every point diverged: try lower factors with --lr-range");
            out.flush();
            return 0;
        }
        out.println();
        out.println("best: " + best.point().values() + ", fitness " + String.format(Locale.ROOT, "%.4f", best.fitness())
                + ", val loss " + String.format(Locale.ROOT, "%.4f", best.valLoss()));
        for (Tuning.Dimension d : plan.atEdge(best.point())) {
            double v = best.point().values().get(d.name());
            out.printf(Locale.ROOT, "note: the best %s (%s) is at the %s edge of the range tried (%s .. %s); the "
                    + "optimum may lie beyond: tune the program written with --write again, or widen %s%n", d.name(),
                    TuneTable.fmt(v), d.position(v) < 0.5 ? "low" : "high", TuneTable.fmt(d.lo()),
                    TuneTable.fmt(d.hi()), d.name().equals(Tuning.LR_SCALE) ? "--lr-range" : "--wd-range");
        }
        if (write != null) {
            Files.writeString(write, "# " + programFile.getFileName() + " tuned on " + task.name() + " with seeds "
                    + seeds.describe() + " by optsearch tune\n"
                    + program.withHyperparameters(best.point().values()).print().stripTrailing() + "\n");
            out.println("wrote " + write);
        }
        out.flush();
        return 0;
    }

    private Tuning.Plan plan(List<Tuning.Dimension> dims, SeedList seeds) {
        if (trials != null) {
            if (trials < 1) {
                throw new CliException("--trials must be >= 1, got " + trials);
            }
            return Tuning.trials(dims, trials, seeds.seeds().get(0));
        }
        if (points != null && points < 1) {
            throw new CliException("--points must be >= 1, got " + points);
        }
        int[] perDim = new int[dims.size()];
        for (int d = 0; d < dims.size(); d++) {
            boolean isLr = dims.get(d).name().equals(Tuning.LR_SCALE);
            perDim[d] = points != null ? points : isLr ? Tuning.LR_POINTS : Tuning.WD_POINTS;
        }
        return Tuning.grid(dims, perDim);
    }

    private static Tuning.Range range(String flag, String text, Tuning.Range fallback) {
        if (text == null) {
            return fallback;
        }
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                return new Tuning.Range(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // reported below
        } catch (IllegalArgumentException e) {
            throw new CliException(flag + " '" + text + "': " + e.getMessage());
        }
        throw new CliException(flag + " '" + text + "': give factors of the default as LO:HI, e.g. 0.01:100");
    }
}
