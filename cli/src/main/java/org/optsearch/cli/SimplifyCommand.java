package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.optsearch.lang.Program;
import org.optsearch.search.simplify.Simplifier;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch simplify}: a found program made readable, within a fitness tolerance. */
@Command(name = "simplify",
        header = "Simplify a program: dead code, exact algebraic rewrites, then greedy removal within a tolerance.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Removes redundant statements and state slots that never reach the update; applies the rewrite "
                    + "rules (constant folding, x / sqrt(x*x) -> sign(x), double negation, no-op arithmetic, merging "
                    + "chained interps, ...); then, with --task, deletes or bypasses statements one at a time and keeps "
                    + "each removal whose fitness stays within --tolerance of the original on every task.",
            "Without --task only the exact steps run (the program computes the same function).",
            "The greedy step leaves a program of more than " + Simplifier.GREEDY_MAX_STATEMENTS + " statements "
                    + "(after the exact steps) as it is and stops after " + Simplifier.GREEDY_MAX_TRAININGS
                    + " trainings, keeping the removals found; the output says when. Where it is goes to stderr "
                    + "every few seconds. At most " + SimplifyCommand.SHOWN_STEPS + " exact steps are listed; "
                    + "the rest are counted by kind."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:simplified", "2:invalid program, unknown task, bad data or usage"})
final class SimplifyCommand implements Callable<Integer> {
    /** Exact steps listed one by one; beyond, they are counted by kind (a long program has thousands). */
    static final int SHOWN_STEPS = 40;
    /** Programs longer than this get a line on stderr before the exact steps, which then take seconds. */
    private static final int LONG_PROGRAM = 10_000;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The program to simplify (.opt).")
    private Path programFile;

    @Option(names = "--task", paramLabel = "NAME|FILE", description = "A task to keep fitness on (repeatable).")
    private List<String> taskNames = new ArrayList<>();

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "0.01", description = "Largest fitness loss a "
            + "removal may cost on any task, in that task's fitness units (default: ${DEFAULT-VALUE}).")
    private double tolerance;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Program program = ProgramFile.readValid(programFile, err);
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new CliException("--tolerance must be a finite number >= 0, got " + tolerance);
        }
        List<Task> tasks = new ArrayList<>();
        for (String name : taskNames) {
            tasks.add(TaskOptions.resolve(name, null, null));
        }
        Simplifier.Result result;
        if (program.statements().size() > LONG_PROGRAM) {
            err.printf(Locale.ROOT, "simplify: %s has %d statements; removing dead code and rewriting ...%n",
                    programFile, program.statements().size());
            err.flush();
        }
        try {
            if (tasks.isEmpty()) {
                Simplifier.Result dead = Simplifier.removeDead(program);
                Simplifier.Result rewritten = Simplifier.rewrite(dead.program());
                List<String> applied = new ArrayList<>(dead.applied());
                applied.addAll(rewritten.applied());
                result = new Simplifier.Result(rewritten.program(), applied);
            } else {
                List<ToDoubleFunction<Program>> fitness = new ArrayList<>();
                for (Task t : tasks) {
                    fitness.add(p -> Trainer.train(t, p, "simplify").fitness());
                }
                err.println("simplify: training on " + taskNames + " to check each removal ...");
                err.flush();
                result = Simplifier.simplify(program, fitness, tolerance, throttled(err));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(programFile + ": " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%s: %d statements -> %d%n", programFile, program.statements().size(),
                result.program().statements().size());
        printSteps(out, result.applied());
        for (Task t : tasks) {
            double before = Trainer.train(t, program, "before").fitness();
            double after = Trainer.train(t, result.program(), "after").fitness();
            out.printf(Locale.ROOT, "  %s: fitness %.4f -> %.4f%n", t.name(), before, after);
        }
        out.println();
        out.print(result.program().print());
        out.flush();
        return 0;
    }

    /** The greedy step's lines, every one; the exact steps, the first {@link #SHOWN_STEPS}, then counts by kind. */
    private static void printSteps(PrintWriter out, List<String> applied) {
        Map<String, Integer> notShown = new TreeMap<>();
        int shown = 0;
        for (String step : applied) {
            if (step.startsWith("greedy:") || shown < SHOWN_STEPS) {
                out.println("  " + step);
                shown += step.startsWith("greedy:") ? 0 : 1;
            } else {
                notShown.merge(step.substring(0, Math.max(0, step.indexOf(':'))), 1, Integer::sum);
            }
        }
        if (!notShown.isEmpty()) {
            List<String> counts = new ArrayList<>();
            notShown.forEach((kind, n) -> counts.add(kind + " " + n));
            out.printf(Locale.ROOT, "  ... and %d more exact steps: %s%n",
                    notShown.values().stream().mapToInt(Integer::intValue).sum(), String.join(", ", counts));
        }
    }

    /** Prints the greedy step's progress to stderr: the first line, then at most one every 5 seconds. */
    private static Consumer<String> throttled(PrintWriter err) {
        long[] last = {0};
        boolean[] printed = {false};
        return line -> {
            long now = System.nanoTime();
            if (!printed[0] || now - last[0] >= PROGRESS_EVERY_NANOS) {
                printed[0] = true;
                last[0] = now;
                err.println("simplify: " + line);
                err.flush();
            }
        };
    }
}
