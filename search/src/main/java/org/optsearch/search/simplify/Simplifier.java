package org.optsearch.search.simplify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;

/**
 * Simplification (docs/method.md, section 4): turns a found program into a readable one, as the paper turned
 * its Program 4 into Lion.
 *
 * <ol>
 *   <li>{@link #removeDead}: drop redundant statements and dead state slots (liveness across steps, as
 *       {@link Analysis} defines it);</li>
 *   <li>{@link #rewrite}: apply the {@link Rule} table to a fixpoint (constant folding, {@code x /
 *       sqrt(x * x)} -> {@code sign(x)}, double negation, no-op arithmetic, merging chained interps,
 *       copy propagation, ...), then drop what became dead;</li>
 *   <li>{@link #greedy}: remove statements whose removal keeps fitness within a tolerance;</li>
 *   <li>{@link #simplify}: all of it, in that order, then rewrite once more.</li>
 * </ol>
 *
 * <p>Every step takes and returns immutable programs and works on the inlined form
 * ({@link Program#inlineHyperparameters()}): results declare no hyperparameters. Statements keep the
 * names they had and returned values the names they were returned under; a value gets a fresh name
 * ({@code m1}) only where reusing its name would overwrite something still read. Every step needs a
 * valid program and throws {@link ProgramException} (listing the errors) for an invalid one; its
 * result is valid.
 */
public final class Simplifier {
    /** The greedy step leaves programs longer than this (after the exact steps) as they are. */
    public static final int GREEDY_MAX_STATEMENTS = GreedyRemoval.MAX_STATEMENTS;
    /** The greedy step stops after this many trainings of candidate programs, keeping what it found. */
    public static final int GREEDY_MAX_TRAININGS = GreedyRemoval.MAX_TRAININGS;

    /**
     * A simplified program and what was done to it, in order: {@code "dead statement: m = cosh(update)"},
     * {@code "interp-merge: v = interp(g, m, 1.109) -> v = interp(g, v, 0.996991)"}, {@code "greedy:
     * deleted `g = arcsin(g)`; fitness ..."}.
     */
    public record Result(Program program, List<String> applied) {
        public Result {
            applied = List.copyOf(applied);
        }
    }

    private Simplifier() {
    }

    /** Removes redundant statements and dead state slots (renumbering the live slots); nothing else changes. */
    public static Result removeDead(Program program) {
        Analysis analysis = Analysis.of(program.inlineHyperparameters()).requireValid();
        Program inlined = analysis.program();
        List<String> log = new ArrayList<>();
        for (int s = 0; s < inlined.slotCount(); s++) {
            if (!analysis.slotLive(s)) {
                log.add("dead slot: " + inlined.signature().slots().get(s));
            }
        }
        for (int i : analysis.deadStatements()) {
            log.add("dead statement: " + inlined.statements().get(i));
        }
        return new Result(Ssa.of(inlined).toProgram(), log);
    }

    /** Applies every rule of the table to a fixpoint ({@link Rewriter} says in which order), then removes dead code. */
    public static Result rewrite(Program program) {
        return rewrite(program, List.of(Rule.values()));
    }

    /** Applies the given rules only, to a fixpoint, then removes dead code; for tests of one rule. */
    public static Result rewrite(Program program, List<Rule> rules) {
        List<String> log = new ArrayList<>();
        Ssa ssa = Rewriter.rewrite(Rewriter.readOutputsThroughCopies(Ssa.of(program)), rules, log);
        return new Result(ssa.toProgram(), log);
    }

    /**
     * Greedily removes statements while {@code fitness(child) >= fitness(program) - tolerance}
     * ({@link GreedyRemoval} gives the order and the candidates). Higher fitness is better; the tolerance
     * is absolute, on the fitness scale.
     *
     * @throws IllegalArgumentException for a negative or non-finite tolerance, or when the program's own
     *                                  fitness is NaN or infinite (nothing to stay within tolerance of)
     */
    public static Result greedy(Program program, ToDoubleFunction<Program> fitness, double tolerance) {
        return greedy(program, List.of(fitness), tolerance);
    }

    /** {@link #greedy(Program, ToDoubleFunction, double)} on several tasks: a removal must stay within tolerance on each. */
    public static Result greedy(Program program, List<ToDoubleFunction<Program>> fitnesses, double tolerance) {
        return greedy(program, fitnesses, tolerance, line -> { });
    }

    /**
     * {@link #greedy(Program, List, double)}, telling {@code progress} where it is before each training. The
     * step has limits ({@link #GREEDY_MAX_STATEMENTS}, {@link #GREEDY_MAX_TRAININGS}); the log says when
     * one stopped it.
     */
    public static Result greedy(Program program, List<ToDoubleFunction<Program>> fitnesses, double tolerance,
                                Consumer<String> progress) {
        return GreedyRemoval.run(program, fitnesses, baseline(program, fitnesses, tolerance), tolerance, progress);
    }

    /**
     * The whole of simplification: {@link #removeDead}, {@link #rewrite}, {@link #greedy} (against the
     * fitness of {@code program} itself), {@link #rewrite} again. The log lists every step.
     *
     * @throws IllegalArgumentException as {@link #greedy(Program, ToDoubleFunction, double)}
     */
    public static Result simplify(Program program, ToDoubleFunction<Program> fitness, double tolerance) {
        return simplify(program, List.of(fitness), tolerance);
    }

    /** {@link #simplify(Program, ToDoubleFunction, double)} on several tasks. */
    public static Result simplify(Program program, List<ToDoubleFunction<Program>> fitnesses, double tolerance) {
        return simplify(program, fitnesses, tolerance, line -> { });
    }

    /** {@link #simplify(Program, List, double)}, telling {@code progress} where the greedy step is. */
    public static Result simplify(Program program, List<ToDoubleFunction<Program>> fitnesses, double tolerance,
                                  Consumer<String> progress) {
        double[] baseline = baseline(program, fitnesses, tolerance);
        List<String> log = new ArrayList<>();
        Result dead = removeDead(program);
        log.addAll(dead.applied());
        Result rewritten = rewrite(dead.program());
        log.addAll(rewritten.applied());
        Result greedy = GreedyRemoval.run(rewritten.program(), fitnesses, baseline, tolerance, progress);
        log.addAll(greedy.applied());
        Result last = rewrite(greedy.program());
        log.addAll(last.applied());
        return new Result(last.program(), log);
    }

    private static double[] baseline(Program program, List<ToDoubleFunction<Program>> fitnesses, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        }
        if (fitnesses.isEmpty()) {
            throw new IllegalArgumentException("greedy removal needs at least one fitness function");
        }
        Analysis.of(program).requireValid();
        double[] baseline = GreedyRemoval.evaluate(fitnesses, program);
        for (int t = 0; t < baseline.length; t++) {
            if (!Double.isFinite(baseline[t])) {
                throw new IllegalArgumentException("the program's own fitness" + (baseline.length > 1 ? " on task "
                        + (t + 1) : "") + " is " + baseline[t] + "; there is nothing to stay within "
                        + tolerance + " of. Scores: " + Arrays.toString(baseline));
            }
        }
        return baseline;
    }
}
