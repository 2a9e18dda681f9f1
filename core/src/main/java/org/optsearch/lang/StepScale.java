package org.optsearch.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Folds a step-size multiplier into a program as a constant, so the program that was trained at that
 * multiplier is the program that is stored: exactly {@code k} times the update, the state unchanged.
 *
 * <p>When the update (the first returned value) is made by a last statement {@code u = x * c} with a
 * literal {@code c} that nothing else reads, {@code c} becomes {@code c * k} (and when that is 1, the statement
 * goes and {@code x} is returned); otherwise a statement
 * {@code step = update * k} is appended and returned as the update. Repeated calibration of a program's
 * descendants therefore keeps one scale statement rather than growing a chain of them.
 */
public final class StepScale {
    /** Significant digits kept of a folded constant (the trained program is the rounded one). */
    private static final int DIGITS = 5;

    private StepScale() {
    }

    /**
     * {@code program} with its update multiplied by {@code k}. A {@code k} that rounds to 1 (to the digits a
     * folded constant keeps, e.g. a product of stages' multipliers such as 3.16228 * 0.316228) is the program
     * itself, not a {@code step = update * 1.0} statement.
     */
    public static Program fold(Program program, double k) {
        if (!(k > 0 && Double.isFinite(k))) {
            throw new IllegalArgumentException("a step-size multiplier must be finite and > 0, got " + k);
        }
        if (round(k) == 1) {
            return program;
        }
        List<Statement> statements = new ArrayList<>(program.statements());
        List<String> returns = new ArrayList<>(program.returns());
        String update = returns.get(0);
        int last = lastAssignment(statements, update);
        if (last >= 0 && foldable(statements, returns, last, dead(program)) && !update.equals(program.readout())) {
            Statement s = statements.get(last);
            int c = s.args().get(0) instanceof Operand.Const ? 0 : 1;
            double value = round(((Operand.Const) s.args().get(c)).value() * k);
            if (value == 1 && s.args().get(1 - c) instanceof Operand.Var x && !assignedAfter(statements, last, x.name())
                    && !readAfter(statements, last, s.target())) {
                // The scale came back to one (x3.16 on one stage, x0.316 on the next): the statement goes.
                statements.remove(last);
                returns.set(0, x.name());
                return new Program(program.signature(), statements, returns, program.readout(), null);
            }
            statements.set(last, s.withArg(c, new Operand.Const(value)));
            return program.withStatements(statements);
        }
        String step = program.freshName("step");
        statements.add(Statement.of(step, Op.MUL, new Operand.Var(update), new Operand.Const(round(k))));
        returns.set(0, step);
        return new Program(program.signature(), statements, returns, program.readout(), null);
    }

    /**
     * A multiply by one literal, whose result is read by nothing but the update return and dead statements
     * (a dead statement's value reaches no output, so scaling what it reads changes nothing; without this, a
     * dead reader that a later mutation deletes leaves a chain {@code step = update * 10.0; step1 = step * 0.1}).
     */
    private static boolean foldable(List<Statement> statements, List<String> returns, int index, Set<Integer> dead) {
        Statement s = statements.get(index);
        if (s.op() != Op.MUL) {
            return false;
        }
        boolean oneConst = s.args().get(0) instanceof Operand.Const ^ s.args().get(1) instanceof Operand.Const;
        if (!oneConst) {
            return false;
        }
        String target = s.target();
        for (int i = index + 1; i < statements.size(); i++) {
            if (!dead.contains(i) && reads(statements.get(i), target)) {
                return false;
            }
        }
        for (int i = 1; i < returns.size(); i++) {
            if (returns.get(i).equals(target)) {
                return false;
            }
        }
        // The value must be read across steps by no one: a state slot named like the target would be.
        return !s.args().stream().anyMatch(a -> a instanceof Operand.Var v && v.name().equals(target));
    }

    private static Set<Integer> dead(Program program) {
        Analysis analysis = Analysis.of(program);
        return analysis.valid() ? Set.copyOf(analysis.deadStatements()) : Set.of();
    }

    private static boolean reads(Statement s, String name) {
        return s.args().stream().anyMatch(a -> a instanceof Operand.Var v && v.name().equals(name));
    }

    private static boolean readAfter(List<Statement> statements, int index, String name) {
        for (int i = index + 1; i < statements.size(); i++) {
            if (reads(statements.get(i), name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean assignedAfter(List<Statement> statements, int index, String name) {
        for (int i = index + 1; i < statements.size(); i++) {
            if (statements.get(i).target().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static int lastAssignment(List<Statement> statements, String name) {
        for (int i = statements.size() - 1; i >= 0; i--) {
            if (statements.get(i).target().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static double round(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(DIGITS)).doubleValue();
    }
}
