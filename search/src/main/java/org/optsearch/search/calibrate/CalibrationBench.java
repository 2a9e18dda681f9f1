package org.optsearch.search.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepScale;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;
import org.optsearch.train.task.Tasks;

/**
 * What learning-rate calibration buys, measured: for shipped programs on proxy tasks, the validation loss
 * with the program's own constants, after calibration by successive halving (and what it cost), and after
 * a full-length grid over the same multipliers (the tuned reference). Run by {@code bench/calibration}.
 *
 * <pre>java -cp optsearch.jar org.optsearch.search.calibrate.CalibrationBench REPO [COUNT RUNGS] [TASK...]</pre>
 */
public final class CalibrationBench {
    private CalibrationBench() {
    }

    public static void main(String[] args) throws IOException {
        Path repo = Path.of(args.length > 0 ? args[0] : ".");
        int count = args.length > 2 ? Integer.parseInt(args[1]) : 9;
        int rungs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> tasks = args.length > 3 ? List.of(args).subList(3, args.length)
                : List.of("digits-mlp:S", "mnist-vit:S");
        Calibration.Plan plan = Calibration.Plan.halfDecades(count, rungs);
        System.out.printf(Locale.ROOT, "plan: %d half-decade multipliers around 1, %d rungs (%.3f full trainings "
                + "when nothing stops early); grid: the same multipliers at full length%n", count, rungs, plan.cost());
        System.out.println("| task | program | own constants | calibrated (multiplier) | trainings (full-length equivalents) "
                + "| grid-tuned (multiplier) |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (String name : tasks) {
            Task task = Tasks.resolve(name);
            for (String program : List.of("adamw", "lion", "sgd", "signum")) {
                Program p = Program.parse(Files.readString(repo.resolve("programs/" + program + ".opt")))
                        .inlineHyperparameters();
                int[] trainings = {0};
                Calibration.Result c = Calibration.run(plan, (m, f) -> {
                    trainings[0]++;
                    int steps = Math.max(10, (int) Math.round(task.config().steps() * f));
                    return -loss(task.withConfig(task.config().withSteps(steps)), StepScale.fold(p, m));
                });
                double grid = Double.POSITIVE_INFINITY;
                double gridM = Double.NaN;
                for (double m : plan.multipliers()) {
                    double l = loss(task, StepScale.fold(p, m));
                    if (l < grid) {
                        grid = l;
                        gridM = m;
                    }
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %.4f | %.4f (x%.3g) | %d (%.2f) | %.4f (x%.3g) |%n", name,
                        program, loss(task, p), -c.score(), c.multiplier(), trainings[0], c.cost(), grid, gridM);
            }
        }
    }

    /** Validation loss at the end; infinite when the training diverged. */
    private static double loss(Task task, Program program) {
        TrainResult r = Trainer.train(task, program, "p");
        return r.diverged() ? Double.POSITIVE_INFINITY : r.valLoss();
    }
}
