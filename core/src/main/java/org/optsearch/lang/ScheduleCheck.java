package org.optsearch.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Warnings about the learning-rate input, which carries the training schedule (warm-up, then decay) and
 * through which {@code tune} and the library set the step size. A program that never reads it, whose
 * update does not depend on it, or whose update does not change when it is scaled, trains with one fixed
 * step size whatever the schedule and the tuned learning rate say.
 *
 * <p>"Does not change when scaled" is found by tracking, for each value, its degree of homogeneity in
 * {@code lr}: the {@code d} with {@code f(c * lr) = c^d * f(lr)} for every {@code c > 0}, or "none". Inputs
 * other than {@code lr} and constants have degree 0; {@code lr} has 1; products add degrees, quotients
 * subtract them, sums need equal degrees, {@code sign} and {@code cosine_sim} give 0, and any other
 * function of a value that depends on the scale has none. State slots start at zero (any degree) and take
 * the degree of their new value, to a fixpoint. An update of degree 0 that still reads {@code lr} only uses
 * it where its scale cancels ({@code sign(m * lr)}, {@code lr / lr}).
 */
final class ScheduleCheck {
    /** Degree of a value known only to be zero (a slot before its first update): any degree fits. */
    private static final double ZERO = Double.POSITIVE_INFINITY;
    /** Not homogeneous in lr. */
    private static final double NONE = Double.NaN;

    private ScheduleCheck() {
    }

    /**
     * @param read      whether anything reads {@code lr}'s input value
     * @param firstRead where it is first read; null when nothing reads it or the program has no source
     *                  positions (built in code)
     */
    static List<Diagnostic> check(Program program, Dataflow flow, boolean read, SourceMap.Position firstRead) {
        List<Diagnostic> out = new ArrayList<>();
        Signature sig = program.signature();
        int lr = sig.inputs().size() - 1;
        String name = sig.learningRate();
        if (!read) {
            out.add(Diagnostic.warning(program.source().input(lr), "the learning rate '" + name + "' is never read, "
                    + "so the schedule (warm-up, decay) and the tuned learning rate have no effect on training; "
                    + "multiply the update by it: update = update * " + name));
            return out;
        }
        if (!updateDependsOn(flow, sig.slotCount(), lr)) {
            out.add(Diagnostic.warning(firstRead, "the update does not depend on the learning rate '" + name
                    + "' (read here only by values that never reach it), so the schedule and the tuned learning "
                    + "rate have no effect on training"));
        } else if (degrees(flow, sig.slotCount(), lr)[flow.update()] == 0) {
            out.add(Diagnostic.warning(firstRead, "the update does not change when the learning rate '" + name
                    + "' is scaled: its scale cancels on the way (as in sign(x * " + name + ") or " + name + " / "
                    + name + "), so the schedule and the tuned learning rate have no effect on training; "
                    + "multiply the update by " + name + " last"));
        }
        return out;
    }

    /** True when the update reads input {@code input} on this step or through a slot, to a fixpoint. */
    private static boolean updateDependsOn(Dataflow flow, int slots, int input) {
        boolean[] slotSees = new boolean[slots];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < slots; s++) {
                if (!slotSees[s] && sees(flow.node(flow.slotOutput(s)).inputs(), input, slotSees)) {
                    slotSees[s] = true;
                    changed = true;
                }
            }
        }
        return sees(flow.node(flow.update()).inputs(), input, slotSees);
    }

    private static boolean sees(long deps, int input, boolean[] slotSees) {
        if ((deps & (1L << input)) != 0) {
            return true;
        }
        for (int s = 0; s < slotSees.length; s++) {
            if (slotSees[s] && (deps & (1L << (2 + s))) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Each node's degree in lr, with slot degrees iterated to a fixpoint (each slot changes at most twice). */
    static double[] degrees(Dataflow flow, int slots, int lr) {
        double[] slot = new double[slots];
        java.util.Arrays.fill(slot, ZERO);
        while (true) {
            double[] d = pass(flow, slot, lr);
            boolean changed = false;
            for (int s = 0; s < slots; s++) {
                double joined = join(slot[s], d[flow.slotOutput(s)]);
                if (!same(joined, slot[s])) {
                    slot[s] = joined;
                    changed = true;
                }
            }
            if (!changed) {
                return d;
            }
        }
    }

    private static double[] pass(Dataflow flow, double[] slot, int lr) {
        double[] d = new double[flow.size()];
        for (int i = 0; i < flow.size(); i++) {
            Dataflow.Node n = flow.node(i);
            d[i] = switch (n.kind()) {
                case CONSTANT -> 0;
                case INPUT -> n.input() == lr ? 1 : n.input() >= 2 && n.input() < lr ? slot[n.input() - 2] : 0;
                case OP -> op(flow, n, d);
            };
        }
        return d;
    }

    private static double op(Dataflow flow, Dataflow.Node n, double[] d) {
        double a = n.args().length > 0 ? d[n.arg(0)] : 0;
        double b = n.args().length > 1 ? d[n.arg(1)] : 0;
        return switch (n.op()) {
            case ADD, SUB, MAX, MIN -> join(a, b);
            case MUL, DOT -> a == ZERO || b == ZERO ? ZERO : a + b;
            case DIV -> a == ZERO ? ZERO : b == ZERO ? NONE : a - b;
            case RECIPROCAL -> a == ZERO ? NONE : -a;
            case COPY, NEGATIVE, ABS, NORM, GLOBAL_NORM, RMS, MEAN -> a;
            case SQUARE -> scaled(a, 2);
            case CUBE -> scaled(a, 3);
            case SQRT -> scaled(a, 0.5);
            case CBRT -> scaled(a, 1.0 / 3);
            case SIGN, COSINE_SIM, ORTHOGONALIZE -> a == ZERO || Double.isNaN(a) ? a : 0;
            case SHAPE_FACTOR -> 0;
            case INTERP -> d[n.arg(2)] == 0 || d[n.arg(2)] == ZERO ? join(a, b) : NONE;
            case CLIP, CLIP_BY_GLOBAL_NORM -> a == ZERO ? ZERO : same(a, b) ? a : NONE;
            case POWER -> flow.node(n.arg(1)).kind() == Dataflow.Kind.CONSTANT
                    ? scaled(a, flow.node(n.arg(1)).constant()) : a == 0 && b == 0 ? 0 : NONE;
            case GET_PI, GET_E, GET_EPS -> 0;
            default -> a == 0 || a == ZERO ? (b == 0 || b == ZERO ? 0 : NONE) : NONE;
        };
    }

    private static double scaled(double degree, double k) {
        return degree == ZERO ? ZERO : degree * k;
    }

    private static double join(double a, double b) {
        if (a == ZERO) {
            return b;
        }
        if (b == ZERO) {
            return a;
        }
        return same(a, b) ? a : NONE;
    }

    private static boolean same(double a, double b) {
        return a == b || (Double.isNaN(a) && Double.isNaN(b)) || Math.abs(a - b) < 1e-9;
    }
}
