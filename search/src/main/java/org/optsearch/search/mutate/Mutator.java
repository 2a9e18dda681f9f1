package org.optsearch.search.mutate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/**
 * The mutations of the search (docs/method.md, section 3): insert a random statement, delete a statement, or
 * change one argument. Children are checked by abstract execution ({@link Analysis}); an invalid or
 * unchanged child is discarded and the parent mutated again. Redundant statements are kept: they are
 * stepping stones for later mutations.
 *
 * <p>Programs are mutated in their inlined form ({@link Program#inlineHyperparameters()}): the search
 * works on literals, and every child has no hyperparameters.
 *
 * <p><b>Choices the paper leaves open.</b>
 * <ul>
 *   <li>The kind is drawn once per call from the weights, among the kinds that apply (insertion needs a
 *       program shorter than {@code maxLength}, deletion a statement, modification an argument). Invalid
 *       children are redrawn with the same kind, so kinds come out with their weights; a kind that gives
 *       ceil(maxAttempts / 3) invalid children in a row is dropped for this call and another drawn (deleting
 *       from {@code update = g * lr} can never be valid).</li>
 *   <li>Insert: position uniform in 0..n; function uniform from the configured set; each argument is a
 *       constant from N(0, 1) with probability {@value #CONSTANT_CHANCE}, else a variable visible there
 *       (an input or an earlier target), uniformly. With probability {@value #REASSIGN_CHANCE} the target
 *       reassigns a visible name (the paper's programs reassign {@code update}, {@code m}, {@code g},
 *       {@code lr}), so the insertion can change the function at once; otherwise it is a fresh name
 *       {@code x1, x2, ...} and the new statement is redundant until a later mutation reads it.</li>
 *   <li>Delete: one statement, uniformly.</li>
 *   <li>Modify: a statement with arguments, uniformly, then one of its arguments. A constant argument is
 *       changed by the paper's rule with probability {@value #CHANGE_CONSTANT_CHANCE} (redrawn from N(0, 1) or
 *       multiplied by 2^a, a ~ N(0, 1), half each); otherwise, and for a variable argument, the new argument
 *       is a constant from N(0, 1) with probability {@value #CONSTANT_CHANCE}, else another visible variable.</li>
 *   <li>Tune ({@link MutationKind#TUNE}, weight 0 unless given): one constant argument, uniformly, changed by
 *       the same rule; the constants mode's move, so that evolution can give the constants a share of its
 *       children of their own (under MODIFY a constant is touched only when the drawn argument is one).</li>
 *   <li>Scalar-only places (the bound of {@code clip_by_global_norm}) are not steered: such children are
 *       invalid and redrawn.</li>
 * </ul>
 *
 * <p>Every draw comes from the generator passed in: the same seed gives the same children. Immutable and
 * thread-safe; give each thread its own split generator.
 */
public final class Mutator {
    /** Chance that a new argument is a constant rather than a variable. */
    public static final double CONSTANT_CHANCE = 0.2;
    /** Chance that an inserted statement reassigns a visible name rather than a fresh one. */
    public static final double REASSIGN_CHANCE = 0.5;
    /** Chance that a modified constant argument stays a constant, changed by the 2^a / redraw rule. */
    public static final double CHANGE_CONSTANT_CHANCE = 0.5;
    /** Fresh names are this prefix and a number: {@code x1, x2, ...}. */
    public static final String FRESH_PREFIX = "x";

    private static final MutationKind[] KINDS = MutationKind.values();

    private final MutationConfig config;
    private final List<Op> functions;
    private final double[] weights = new double[KINDS.length];

    public Mutator(MutationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.functions = config.functions();
        for (MutationKind k : KINDS) {
            weights[k.ordinal()] = config.weight(k);
        }
    }

    public MutationConfig config() {
        return config;
    }

    /**
     * A valid child that prints differently from the (inlined) parent.
     *
     * @throws IllegalStateException when no valid child turned up in {@code maxAttempts} tries, or no
     *                               mutation applies; the message says why (e.g. the parent itself is invalid)
     */
    public Mutation mutate(Program parent, SplittableRandom rnd) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(rnd, "rnd");
        Program p = parent.inlineHyperparameters();
        int patience = (config.maxAttempts() + 2) / 3; // ceil(maxAttempts / 3), as before TUNE was a kind
        int[] discarded = new int[KINDS.length];
        boolean[] dropped = new boolean[KINDS.length];
        MutationKind kind = null;
        int streak = 0;
        int attempts = 0;
        Boolean parentFollowsLearningRate = null; // analysed only when a child drops lr: most children keep it
        while (attempts < config.maxAttempts()) {
            if (kind == null) {
                kind = drawKind(p, dropped, rnd);
                if (kind == null) {
                    break;
                }
                streak = 0;
            }
            attempts++;
            Draft draft = switch (kind) {
                case INSERT -> insert(p, rnd);
                case DELETE -> delete(p, rnd);
                case MODIFY -> modify(p, rnd);
                case TUNE -> tune(p, rnd);
            };
            if (draft != null && !draft.child().equals(p)) {
                Analysis analysis = Analysis.of(draft.child());
                boolean dropsLearningRate = config.followLearningRate() && !analysis.learningRateMatters();
                if (analysis.valid() && dropsLearningRate && parentFollowsLearningRate == null) {
                    parentFollowsLearningRate = Analysis.of(p).learningRateMatters();
                }
                if (analysis.valid() && (!dropsLearningRate || !parentFollowsLearningRate)) {
                    return new Mutation(draft.child(), kind, draft.description().get(),
                            draft.quoted().stream().map(Statement::toString).toList(), attempts, analysis);
                }
            }
            discarded[kind.ordinal()]++;
            if (++streak >= patience) {
                dropped[kind.ordinal()] = true;
                kind = null;
            }
        }
        throw exhausted(p, attempts, discarded);
    }

    /**
     * The {@code constants} mode (hyperparameter tuning): a child that differs from the (inlined) parent in
     * exactly one constant, changed by the paper's rule (redrawn from N(0, 1) or multiplied by 2^a, half
     * each); the structure is kept. The kind is {@link MutationKind#MODIFY}.
     *
     * @throws IllegalStateException when the parent has no constant, is invalid (changing a constant cannot
     *                               fix it), or no constant changed in {@code maxAttempts} tries (a 0.0 stays
     *                               0.0 when scaled)
     */
    public Mutation mutateConstants(Program parent, SplittableRandom rnd) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(rnd, "rnd");
        Program p = parent.inlineHyperparameters();
        if (!hasConstant(p)) {
            throw new IllegalStateException("the program has no constants, so constants mode has nothing to tune:\n" + p.print());
        }
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Draft draft = tune(p, rnd);
            if (draft == null) {
                continue;
            }
            Analysis analysis = Analysis.of(draft.child());
            if (!analysis.valid()) {
                throw new IllegalStateException("the parent is invalid, and changing a constant cannot fix it: "
                        + analysis.errors().get(0) + "\n" + p.print());
            }
            return new Mutation(draft.child(), MutationKind.MODIFY, draft.description().get(),
                    draft.quoted().stream().map(Statement::toString).toList(), attempt, analysis);
        }
        throw new IllegalStateException("no constant changed in " + config.maxAttempts()
                + " attempts (a 0.0 stays 0.0 when scaled, and a huge one overflows)");
    }

    private MutationKind drawKind(Program p, boolean[] dropped, SplittableRandom rnd) {
        double[] w = new double[KINDS.length];
        double total = 0;
        for (MutationKind k : KINDS) {
            if (!dropped[k.ordinal()] && applies(k, p)) {
                w[k.ordinal()] = weights[k.ordinal()];
                total += w[k.ordinal()];
            }
        }
        if (total <= 0) {
            return null;
        }
        double r = rnd.nextDouble() * total;
        MutationKind last = null;
        for (MutationKind k : KINDS) {
            if (w[k.ordinal()] > 0) {
                last = k;
                r -= w[k.ordinal()];
                if (r < 0) {
                    return k;
                }
            }
        }
        return last;
    }

    private boolean applies(MutationKind kind, Program p) {
        int n = p.statements().size();
        return switch (kind) {
            case INSERT -> n < config.maxLength();
            case DELETE -> n > 0;
            case MODIFY -> p.statements().stream().anyMatch(s -> s.op().arity() > 0);
            case TUNE -> hasConstant(p);
        };
    }

    private static boolean hasConstant(Program p) {
        return p.statements().stream().anyMatch(s -> s.args().stream().anyMatch(a -> a instanceof Operand.Const));
    }

    /**
     * One constant, uniformly among the program's constant arguments, changed by the paper's rule; null when the
     * change is not finite or leaves the constant as it was (a 0.0 scaled), so the caller draws again.
     */
    private Draft tune(Program p, SplittableRandom rnd) {
        List<Statement> body = p.statements();
        List<int[]> places = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            List<Operand> args = body.get(i).args();
            for (int a = 0; a < args.size(); a++) {
                if (args.get(a) instanceof Operand.Const) {
                    places.add(new int[] {i, a});
                }
            }
        }
        int[] place = places.get(rnd.nextInt(places.size()));
        Statement s = body.get(place[0]);
        double before = ((Operand.Const) s.args().get(place[1])).value();
        Constants.Change change = Constants.change(before, rnd);
        if (!change.finite() || Double.doubleToRawLongBits(change.after()) == Double.doubleToRawLongBits(before)) {
            return null;
        }
        Statement changed = s.withArg(place[1], new Operand.Const(change.after()));
        return new Draft(p.withStatements(replaced(body, place[0], changed)), () -> "tune statement " + (place[0] + 1)
                + " '" + s + "' -> '" + changed + "' (argument " + (place[1] + 1) + " of " + s.op().arity() + ": "
                + change.describe() + ")", List.of(s, changed));
    }

    private Draft insert(Program p, SplittableRandom rnd) {
        List<Statement> body = p.statements();
        int at = rnd.nextInt(body.size() + 1);
        List<String> visible = visibleAt(p, at);
        Op op = functions.get(rnd.nextInt(functions.size()));
        Operand[] args = new Operand[op.arity()];
        for (int a = 0; a < args.length; a++) {
            args[a] = operand(visible, rnd);
        }
        String target = rnd.nextDouble() < REASSIGN_CHANCE ? pick(visible, rnd) : freshName(p);
        Statement s = new Statement(target, op, List.of(args));
        List<Statement> out = new ArrayList<>(body.size() + 1);
        out.addAll(body);
        out.add(at, s);
        return new Draft(p.withStatements(out),
                () -> "insert '" + s + "' as statement " + (at + 1) + " of " + (body.size() + 1), List.of(s));
    }

    private Draft delete(Program p, SplittableRandom rnd) {
        List<Statement> body = p.statements();
        int at = rnd.nextInt(body.size());
        List<Statement> out = new ArrayList<>(body);
        Statement removed = out.remove(at);
        return new Draft(p.withStatements(out), () -> "delete statement " + (at + 1) + " '" + removed + "'",
                List.of(removed));
    }

    private Draft modify(Program p, SplittableRandom rnd) {
        List<Statement> body = p.statements();
        int[] candidates = new int[body.size()];
        int count = 0;
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).op().arity() > 0) {
                candidates[count++] = i;
            }
        }
        int at = candidates[rnd.nextInt(count)];
        Statement s = body.get(at);
        int arg = rnd.nextInt(s.op().arity());
        Operand old = s.args().get(arg);
        Operand replacement;
        Supplier<String> how;
        if (old instanceof Operand.Const c && rnd.nextDouble() < CHANGE_CONSTANT_CHANCE) {
            Constants.Change change = Constants.change(c.value(), rnd);
            if (!change.finite()) {
                return null;
            }
            replacement = new Operand.Const(change.after());
            how = change::describe;
        } else if (rnd.nextDouble() < CONSTANT_CHANCE) {
            Operand drawn = new Operand.Const(Constants.draw(rnd));
            replacement = drawn;
            how = () -> old + " -> " + drawn + ", drawn from N(0,1)";
        } else {
            List<String> visible = visibleAt(p, at);
            if (old instanceof Operand.Var v) {
                visible.remove(v.name());
            }
            if (visible.isEmpty()) {
                return null;
            }
            Operand other = new Operand.Var(pick(visible, rnd));
            replacement = other;
            how = () -> old + " -> " + other;
        }
        Statement changed = s.withArg(arg, replacement);
        return new Draft(p.withStatements(replaced(body, at, changed)), () -> "modify statement " + (at + 1) + " '"
                + s + "' -> '" + changed + "' (argument " + (arg + 1) + " of " + s.op().arity() + ": " + how.get() + ")",
                List.of(s, changed));
    }

    /** A constant from N(0, 1) with probability {@link #CONSTANT_CHANCE}, else one of {@code visible}. */
    static Operand operand(List<String> visible, SplittableRandom rnd) {
        return rnd.nextDouble() < CONSTANT_CHANCE ? new Operand.Const(Constants.draw(rnd))
                : new Operand.Var(pick(visible, rnd));
    }

    static String pick(List<String> names, SplittableRandom rnd) {
        return names.get(rnd.nextInt(names.size()));
    }

    /** Names readable just before statement {@code at}: inputs, hyperparameters, earlier targets; no repeats. */
    static List<String> visibleAt(Program p, int at) {
        Set<String> names = new LinkedHashSet<>(p.signature().inputs()); // a set: linear in long programs
        p.signature().stepInputs().forEach(s -> names.add(s.spelling())); // only when the program declares them
        p.signature().hyperparameters().forEach(h -> names.add(h.name()));
        List<Statement> body = p.statements();
        for (int i = 0; i < at; i++) {
            names.add(body.get(i).target());
        }
        return new ArrayList<>(names);
    }

    /** The first of {@code x1, x2, ...} that the program does not use. */
    static String freshName(Program p) {
        Set<String> used = new HashSet<>(p.signature().inputs());
        p.signature().stepInputs().forEach(s -> used.add(s.spelling()));
        p.signature().hyperparameters().forEach(h -> used.add(h.name()));
        p.statements().forEach(s -> used.add(s.target()));
        for (int i = 1; ; i++) {
            String name = FRESH_PREFIX + i;
            if (!used.contains(name)) {
                return name;
            }
        }
    }

    private static List<Statement> replaced(List<Statement> body, int at, Statement s) {
        List<Statement> out = new ArrayList<>(body);
        out.set(at, s);
        return out;
    }

    private IllegalStateException exhausted(Program p, int attempts, int[] discarded) {
        StringBuilder m = new StringBuilder("no valid child of this " + p.statements().size() + "-statement program in "
                + attempts + " attempt(s) (discarded: " + discarded[0] + " insert, " + discarded[1] + " delete, "
                + discarded[2] + " modify, " + discarded[3] + " tune)");
        Analysis parent = Analysis.of(p);
        if (!parent.valid()) {
            m.append("; the parent itself is invalid: ").append(parent.errors().get(0));
        } else if (attempts < config.maxAttempts()) {
            m.append("; no mutation with weight > 0 applies or gives valid children (insertion needs fewer than ")
                    .append(config.maxLength()).append(" statements, deletion a statement, modification an argument, "
                    + "tuning a constant)");
        } else {
            m.append("; raise maxAttempts (now ").append(config.maxAttempts()).append(")");
        }
        return new IllegalStateException(m.append(":\n").append(p.print()).toString());
    }

    /** A child, what was done in words (made only for the child that is kept), and the statements they quote. */
    private record Draft(Program child, Supplier<String> description, List<Statement> quoted) {
    }
}
