package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
            "Without --task only the exact steps run (the program computes the same function)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:simplified", "2:invalid program, unknown task, bad data or usage"})
final class SimplifyCommand implements Callable<Integer> {
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
                result = Simplifier.simplify(program, fitness, tolerance);
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(programFile + ": " + e.getMessage());
        }
        out.printf(Locale.ROOT, "%s: %d statements -> %d%n", programFile, program.statements().size(),
                result.program().statements().size());
        for (String step : result.applied()) {
            out.println("  " + step);
        }
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
}
