package org.optsearch.search.simplify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/**
 * The greedy step of simplification: remove statements whose removal keeps fitness within a tolerance
 * (docs/method.md, section 4: "remove statements whose removal barely changes the result").
 *
 * <p>Candidates, in a fixed order: statements from the last to the first; for each, first deleting
 * it (later reads then see the name's previous value), then bypassing it, {@code t = f(x, y)} ->
 * {@code t = x}, through each of its variable arguments in order. A candidate must be a valid program;
 * it is rewritten and cleaned of dead code ({@link Simplifier#rewrite}), must then be shorter than the
 * current program, and is accepted when on every task {@code fitness(child) >= fitness(original) -
 * tolerance}. The comparison is always with the original program, so small losses cannot add up. After
 * an acceptance the pass goes on with the statement before (in the cleaned child, whose statements may
 * have moved: what a pass misses, the next one sees); passes repeat until one accepts nothing. When the
 * original's update follows the learning rate ({@link Analysis#learningRateMatters()}), a candidate that
 * would stop following it is not tried: the schedule and the tuned learning rate would no longer act on
 * the program, whatever its fitness at one schedule (the search's rule for children, too). Each
 * acceptance shortens the program, so there are at most as many as statements. Fitness is asked once
 * per distinct dataflow hash: a pass over n statements costs at most about n * (1 + arity) trainings.
 *
 * <p>Limits, so that the step always ends in reasonable time: a program of more than
 * {@link #MAX_STATEMENTS} statements (after the exact steps) is left as it is, and the step stops after
 * {@link #MAX_TRAININGS} trainings with the removals accepted so far. Either way the log says so.
 */
final class GreedyRemoval {
    /** Programs longer than this are not tried: a search writes at most 40 statements by default. */
    static final int MAX_STATEMENTS = 200;
    /** The most candidate programs trained (on every task) in one greedy step. */
    static final int MAX_TRAININGS = 2_000;

    /** How far the step goes: {@link #DEFAULT} everywhere but in tests. */
    record Limits(int statements, int trainings) {
        static final Limits DEFAULT = new Limits(MAX_STATEMENTS, MAX_TRAININGS);
    }

    private final Limits limits;
    private final List<ToDoubleFunction<Program>> fitnesses;
    private final Consumer<String> progress;
    private int trainings;
    private boolean stopped;
    private final double[] baseline;
    private final double tolerance;
    private final Map<String, double[]> scores = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    /** Whether the original follows lr: then so must every accepted child. */
    private final boolean followsLearningRate;

    private GreedyRemoval(List<ToDoubleFunction<Program>> fitnesses, double[] baseline, double tolerance,
                          Consumer<String> progress, Limits limits, boolean followsLearningRate) {
        this.followsLearningRate = followsLearningRate;
        this.fitnesses = fitnesses;
        this.limits = limits;
        this.progress = progress;
        this.baseline = baseline;
        this.tolerance = tolerance;
    }

    /**
     * Runs the greedy step from {@code start}, comparing with the original program's {@code baseline}
     * scores; {@code progress} hears a line before each training.
     */
    static Simplifier.Result run(Program start, List<ToDoubleFunction<Program>> fitnesses, double[] baseline,
                                 double tolerance, Consumer<String> progress) {
        return run(start, fitnesses, baseline, tolerance, progress, Limits.DEFAULT);
    }

    static Simplifier.Result run(Program start, List<ToDoubleFunction<Program>> fitnesses, double[] baseline,
                                 double tolerance, Consumer<String> progress, Limits limits) {
        Program current = Simplifier.rewrite(start).program();
        GreedyRemoval greedy = new GreedyRemoval(fitnesses, baseline, tolerance, progress, limits,
                Analysis.of(current).learningRateMatters());
        int length = current.statements().size();
        if (length > limits.statements()) {
            greedy.log.add("greedy: skipped: " + length + " statements, more than the " + limits.statements()
                    + " the greedy step tries (each removal trains every task); the exact steps still ran");
            return new Simplifier.Result(current, greedy.log);
        }
        boolean accepted = true;
        int pass = 0;
        while (accepted && !greedy.stopped) { // one pass, last statement to first
            accepted = false;
            pass++;
            for (int i = current.statements().size() - 1; i >= 0 && !greedy.stopped; i--) {
                for (Candidate c : candidates(current, i)) {
                    Program child = greedy.tryCandidate(current, c, pass);
                    if (greedy.stopped) {
                        greedy.log.add("greedy: stopped after " + limits.trainings() + " trainings (the limit) in pass "
                                + pass + ", at statement " + (i + 1) + " of " + current.statements().size()
                                + "; the removals accepted so far are kept, statements 1 to " + (i + 1)
                                + " were not tried in this pass");
                        break;
                    }
                    if (child != null) {
                        current = child;
                        accepted = true;
                        i = Math.min(i, current.statements().size()); // go on with the statement before
                        break;
                    }
                }
            }
        }
        return new Simplifier.Result(current, greedy.log);
    }

    /** One way to remove statement {@code index}; {@code bypass} is null for a deletion. */
    private record Candidate(int index, String bypass) {
    }

    private static List<Candidate> candidates(Program p, int index) {
        List<Candidate> list = new ArrayList<>();
        list.add(new Candidate(index, null));
        Statement s = p.statements().get(index);
        if (s.op() != Op.COPY) {
            Set<String> vars = new LinkedHashSet<>();
            for (Operand a : s.args()) {
                if (a instanceof Operand.Var v) {
                    vars.add(v.name());
                }
            }
            vars.forEach(v -> list.add(new Candidate(index, v)));
        }
        return list;
    }

    /** The cleaned child when the candidate is accepted, else null. */
    private Program tryCandidate(Program current, Candidate c, int pass) {
        List<Statement> body = new ArrayList<>(current.statements());
        Statement removed = body.get(c.index());
        if (c.bypass() == null) {
            body.remove(c.index());
        } else {
            body.set(c.index(), Statement.of(removed.target(), Op.COPY, new Operand.Var(c.bypass())));
        }
        Program raw = current.withStatements(body);
        Analysis analysis = Analysis.of(raw);
        if (!analysis.valid() || followsLearningRate && !analysis.learningRateMatters()) {
            return null;
        }
        Program child = Simplifier.rewrite(raw).program();
        if (child.statements().size() >= current.statements().size()) {
            return null;
        }
        double[] score = score(child, "greedy: pass " + pass + ", statement " + (c.index() + 1) + " of "
                + current.statements().size());
        if (score == null) {
            return null;
        }
        for (int t = 0; t < score.length; t++) {
            if (!(score[t] >= baseline[t] - tolerance)) {
                return null;
            }
        }
        String what = c.bypass() == null ? "deleted `" + removed + "`"
                : "bypassed `" + removed + "` as `" + removed.target() + " = " + c.bypass() + "`";
        log.add("greedy: " + what + "; fitness " + format(score) + " (original " + format(baseline) + ")");
        return child;
    }

    /** The child's scores, trained once per dataflow hash; null when the training limit is reached. */
    private double[] score(Program child, String where) {
        String hash = Analysis.of(child).hash();
        double[] known = scores.get(hash);
        if (known != null) {
            return known;
        }
        if (trainings == limits.trainings()) {
            stopped = true;
            return null;
        }
        trainings++;
        progress.accept(where + ": training " + trainings + " (at most " + limits.trainings() + ")");
        double[] s = evaluate(fitnesses, child);
        scores.put(hash, s);
        return s;
    }

    static double[] evaluate(List<ToDoubleFunction<Program>> fitnesses, Program p) {
        double[] s = new double[fitnesses.size()];
        for (int t = 0; t < s.length; t++) {
            s[t] = fitnesses.get(t).applyAsDouble(p);
        }
        return s;
    }

    static String format(double[] scores) {
        List<String> parts = new ArrayList<>();
        for (double s : scores) {
            parts.add(String.format(Locale.ROOT, "%.6g", s));
        }
        return parts.size() == 1 ? parts.get(0) : parts.toString();
    }
}
