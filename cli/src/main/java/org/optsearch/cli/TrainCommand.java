package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.optsearch.lang.Program;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.Optimizers;
import org.optsearch.optim.ProgramOptimizer;
import org.optsearch.optim.Sam;
import org.optsearch.train.run.Objective;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch train}: one training of a task with an optimizer program. */
@Command(name = "train",
        header = "Train a task's model with an optimizer program and report the validation result.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs the paper's training loop: state starts at zero, lr follows warm-up + cosine decay with peak "
                    + "1.0, and w = w - update, with the program run by the fused executor. Evaluates the "
                    + "validation split along the way and at the end. A run whose loss becomes NaN/Inf or grows "
                    + "10x over its first value, or whose optimizer writes non-finite weights, stops early and is "
                    + "reported as diverged.",
            "With --sam, each step's gradient is taken at the sharpness-aware ascent point (SAM, one extra "
                    + "forward and backward pass per step); --looksam-every K makes that extra pass only every K "
                    + "steps and reuses its direction in between (LookSAM).",
            "Fitness (higher is better): validation accuracy for classification, minus the validation MSE "
                    + "(standardized targets) for regression, minus bits per character for language models."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained (diverged runs included: see 'diverged')",
            "2:invalid program, unknown task, bad task file or data, or bad usage"})
final class TrainCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "NAME|FILE",
            description = "A built-in task (digits-mlp, mnist-mlp, mnist-vit, austen-charlm, breast-cancer-mlp, "
                    + "diabetes-mlp; add :XS, :S, :M or :L for the size, default S) or a task file (.json, .yaml).")
    private String taskName;

    @Option(names = "--program", required = true, paramLabel = "FILE", description = "The optimizer program (.opt).")
    private Path programFile;

    @Option(names = "--rest", paramLabel = "FILE", description = "Route the parameters that are not hidden "
            + "matrices (embeddings, the output head, 1-D parameters) to this program; --program then steps the "
            + "hidden matrices only. Muon: --program programs/muon.opt --rest programs/adamw_bc.opt.")
    private Path restFile;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: the task's).")
    private Integer steps;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of initialization and batch order "
            + "(default: the task's). Same seed, task and program: the same result, bit for bit.")
    private Long seed;

    @Option(names = "--sam", paramLabel = "RHO", description = "Sharpness-aware minimization with this "
            + "neighbourhood radius (> 0; 0.05 is usual).")
    private Double samRho;

    @Option(names = "--looksam-every", paramLabel = "K", description = "With --sam: LookSAM, the extra "
            + "gradient only every K steps (K >= 1; 1 = SAM).")
    private Integer lookSamEvery;

    @Option(names = "--json", description = "Print one JSON object: task, program, steps, valLoss, valAccuracy "
            + "(classification only), fitness, diverged, divergence, seconds, curve.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Sam sam = sam();
        Program program = ProgramFile.readValid(programFile, err);
        Program rest = restFile == null ? null : ProgramFile.readValid(restFile, err);
        Task task = TaskOptions.resolve(taskName, steps, seed);
        if (task.batchNote() != null) {
            err.println(task.batchNote());
        }
        TrainResult result;
        String title = task.name() + " / " + programFile.getFileName()
                + (rest == null ? "" : " + " + restFile.getFileName()) + (sam == null ? "" : " / " + sam);
        try (Progress progress = Progress.start(err, title, task.config().steps(), !json)) {
            Optimizer optimizer = new ProgramOptimizer(programFile.toString(), program,
                    Trainer.schedule(task.config()));
            if (rest != null) {
                optimizer = Optimizers.routed(optimizer, new ProgramOptimizer(restFile.toString(), rest,
                        Trainer.schedule(task.config())));
            }
            result = Trainer.train(task, optimizer, sam, progress);
        }
        if (json) {
            out.println(toJson(task, result));
        } else {
            print(out, task, result);
        }
        out.flush();
        return 0;
    }

    /** The SAM settings from the flags, or null without --sam. */
    private Sam sam() {
        if (samRho == null) {
            if (lookSamEvery != null) {
                throw new CliException("--looksam-every needs --sam RHO (LookSAM is a variant of SAM)");
            }
            return null;
        }
        if (!(samRho > 0) || !Double.isFinite(samRho)) {
            throw new CliException("--sam must be a finite radius > 0, got " + samRho);
        }
        if (lookSamEvery != null && lookSamEvery < 1) {
            throw new CliException("--looksam-every must be >= 1 step, got " + lookSamEvery);
        }
        return lookSamEvery == null ? Sam.sam(samRho) : Sam.lookSam(samRho, lookSamEvery);
    }

    private static void print(PrintWriter out, Task task, TrainResult r) {
        out.printf(Locale.ROOT, "task          %s%n", r.task());
        out.printf(Locale.ROOT, "program       %s%n", r.program());
        out.printf(Locale.ROOT, "steps         %d of %d%n", r.steps(), task.config().steps());
        out.printf(Locale.ROOT, "val loss      %.4f%s%n", r.valLoss(),
                task.objective() == Objective.LANGUAGE ? String.format(Locale.ROOT, " nats (%.4f bits/char)",
                        r.valLoss() / Math.log(2)) : "");
        if (task.objective() == Objective.CLASSIFICATION) {
            out.printf(Locale.ROOT, "val accuracy  %.2f%%%n", 100 * r.valAccuracy());
        }
        out.printf(Locale.ROOT, "fitness       %s%n", r.diverged() ? "failed (diverged)"
                : String.format(Locale.ROOT, "%.4f", r.fitness()));
        out.printf(Locale.ROOT, "diverged      %s%n", r.diverged() ? "yes: " + r.divergence() : "no");
        out.printf(Locale.ROOT, "seconds       %.2f%n", r.seconds());
        out.println("curve         step  train loss  val loss" + (task.objective() == Objective.CLASSIFICATION
                ? "  val acc" : ""));
        for (TrainResult.Point p : r.curve()) {
            out.printf(Locale.ROOT, "              %4d  %10.4f  %8.4f%s%n", p.step(), p.trainLoss(), p.valLoss(),
                    task.objective() == Objective.CLASSIFICATION
                            ? String.format(Locale.ROOT, "  %6.2f%%", 100 * p.valAccuracy()) : "");
        }
    }

    static ObjectNode toJson(Task task, TrainResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("task", r.task());
        o.put("program", r.program());
        o.put("steps", r.steps());
        putNumber(o, "valLoss", r.valLoss());
        if (task.objective() == Objective.CLASSIFICATION) {
            putNumber(o, "valAccuracy", r.valAccuracy());
        }
        putNumber(o, "fitness", r.fitness());
        o.put("diverged", r.diverged());
        o.put("divergence", r.divergence());
        o.put("seconds", r.seconds());
        ArrayNode curve = o.putArray("curve");
        for (TrainResult.Point p : r.curve()) {
            ObjectNode point = curve.addObject();
            point.put("step", p.step());
            putNumber(point, "trainLoss", p.trainLoss());
            putNumber(point, "valLoss", p.valLoss());
            if (task.objective() == Objective.CLASSIFICATION) {
                putNumber(point, "valAccuracy", p.valAccuracy());
            }
        }
        return o;
    }

    /** JSON has no NaN or infinity: those become null. */
    static void putNumber(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }
}
