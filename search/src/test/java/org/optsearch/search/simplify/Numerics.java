package org.optsearch.search.simplify;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;

/**
 * Runs two programs side by side with the reference interpreter on the same random inputs and says
 * whether they compute the same updates: the numeric check that every rewrite is tested with.
 *
 * <p>Each program gets an extra state slot that stores its update, so the updates are compared
 * exactly as computed (not through {@code w - update}). Slots start from random values chosen by
 * slot name, so a program that lost a dead slot still sees the same state in the slots it kept.
 */
final class Numerics {
    /** Two tensors, so that {@code norm} (per tensor) and the whole-set functions differ. */
    static final ParamLayout LAYOUT = ParamLayout.of(3, 5);
    static final int STEPS = 3;
    static final double RELATIVE = 1e-5;
    static final double ABSOLUTE = 1e-6;

    /** What comparing two programs found. */
    enum Outcome { SAME, DIFFERENT, NOT_FINITE }

    private Numerics() {
    }

    /** Whether {@code after} gives the same updates as {@code before}, to {@link #RELATIVE}. */
    static Comparison compare(Program before, Program after, long seed) {
        return compare(before, after, seed, RELATIVE);
    }

    /** Whether {@code after} gives bit-for-bit the same updates (a zero's sign aside). */
    static Comparison compareExactly(Program before, Program after, long seed) {
        return compare(before, after, seed, 0);
    }

    /** The outcome, and where the first difference is. */
    record Comparison(Outcome outcome, String detail) {
        @Override
        public String toString() {
            return outcome + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    private static Comparison compare(Program before, Program after, long seed, double relative) {
        float[][] a = updates(before, seed);
        float[][] b = updates(after, seed);
        for (int step = 0; step < a.length; step++) {
            for (int i = 0; i < a[step].length; i++) {
                if (!Float.isFinite(a[step][i])) {
                    return new Comparison(Outcome.NOT_FINITE, "step " + (step + 1) + " element " + i + ": " + a[step][i]);
                }
            }
        }
        for (int step = 0; step < a.length; step++) {
            for (int i = 0; i < a[step].length; i++) {
                if (!close(a[step][i], b[step][i], relative)) {
                    return new Comparison(Outcome.DIFFERENT, "step " + (step + 1) + " element " + i + ": "
                            + a[step][i] + " before, " + b[step][i] + " after");
                }
            }
        }
        return new Comparison(Outcome.SAME, "");
    }

    /**
     * Equal, or within {@code relative} of the larger magnitude plus {@link #ABSOLUTE}: the inputs are of
     * unit scale, so float32 rounding in a sum that cancels leaves errors of about 1e-7 however small
     * the result (0.75 w + 0.25 g near zero, computed two ways).
     */
    static boolean close(float a, float b, double relative) {
        double floor = relative == 0 ? 0 : ABSOLUTE;
        return a == b || Math.abs((double) a - b) <= relative * Math.max(Math.abs(a), Math.abs(b)) + floor;
    }

    /** The update of each of {@link #STEPS} steps, from random weights, slots, gradients and learning rates. */
    static float[][] updates(Program program, long seed) {
        Program probe = withUpdateSlot(program);
        Executor executor = Executor.reference(probe, LAYOUT);
        int n = LAYOUT.size();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = random(rnd, n);
        List<String> slots = program.signature().slots();
        float[][] state = new float[slots.size() + 1][];
        for (int s = 0; s < slots.size(); s++) {
            state[s] = random(new SplittableRandom(seed * 31 + slots.get(s).hashCode()), n);
        }
        state[slots.size()] = new float[n];
        float[][] updates = new float[STEPS][];
        for (int step = 0; step < STEPS; step++) {
            float[] g = random(rnd, n);
            float lr = (float) (0.1 + 0.9 * rnd.nextDouble());
            executor.step(w, g, state, lr);
            updates[step] = state[slots.size()].clone();
        }
        return updates;
    }

    /** The same program with one more slot, last, whose new value is the update. */
    static Program withUpdateSlot(Program p) {
        Signature s = p.signature();
        List<String> inputs = new ArrayList<>(s.inputs());
        inputs.add(inputs.size() - 1, p.freshName("update_probe"));
        List<String> returns = new ArrayList<>(p.returns());
        returns.add(p.returns().get(0));
        return new Program(new Signature(s.name(), inputs, s.hyperparameters()), p.statements(), returns);
    }

    private static float[] random(SplittableRandom rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
