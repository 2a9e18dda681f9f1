package org.optsearch.search.simplify;

import org.optsearch.lang.Op;

/**
 * {@link Rule#INTERP_MERGE}: an interp of an interp with a shared end point is one interp.
 *
 * <p>With {@code a = interp(x, y, c1) = (1 - c1) x + c1 y}, a statement {@code b = interp(p, q, c2)}
 * that mixes {@code a} with {@code x} or {@code y} is again an affine mix of x and y whose weights sum to
 * one, so it is an interp of x and y. The four cases, keeping b's other argument first:
 * <pre>
 *   b = interp(x, a, c2)  ->  interp(x, y, c1 * c2)              (the paper's case: same first argument)
 *   b = interp(a, x, c2)  ->  interp(x, y, (1 - c2) * c1)
 *   b = interp(y, a, c2)  ->  interp(y, x, c2 * (1 - c1))
 *   b = interp(a, y, c2)  ->  interp(y, x, (1 - c2) * (1 - c1))
 * </pre>
 * Both weights must be literals; the new one is computed in double from the float32 values the
 * executors use and written as the shortest decimal of its float32 ({@link Folding#literal(double)}),
 * so Program 4's {@code interp(g, v, 0.899)} then {@code interp(g, m, 1.109)} becomes
 * {@code interp(g, v, 0.996991)}. {@code a} stays while anything else reads it.
 */
final class InterpMerge {
    private InterpMerge() {
    }

    static Ssa.Def apply(Ssa ssa, int index) {
        Ssa.Def b = ssa.def(index);
        if (b.op() != Op.INTERP || !(b.arg(2) instanceof Ssa.Lit w2)) {
            return null;
        }
        double c2 = w2.asFloat();
        for (int side = 0; side < 2; side++) {
            Ssa.Def a = ssa.def(b.arg(side));
            if (a == null || a.op() != Op.INTERP || !(a.arg(2) instanceof Ssa.Lit w1)) {
                continue;
            }
            double c1 = w1.asFloat();
            Ssa.Ref x = a.arg(0);
            Ssa.Ref y = a.arg(1);
            Ssa.Ref other = b.arg(1 - side);
            if (x.equals(y)) {
                continue;
            }
            // weight of a in b, and of the other argument
            double onA = side == 1 ? c2 : 1 - c2;
            if (other.equals(x)) {
                return merged(b, x, y, onA * c1);
            }
            if (other.equals(y)) {
                return merged(b, y, x, onA * (1 - c1));
            }
        }
        return null;
    }

    private static Ssa.Def merged(Ssa.Def b, Ssa.Ref from, Ssa.Ref to, double weight) {
        if (!Float.isFinite((float) weight)) {
            return null;
        }
        return b.with(Op.INTERP, from, to, new Ssa.Lit(Folding.literal(weight)));
    }
}
