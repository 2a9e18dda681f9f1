package org.optsearch.lang;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A slow, independent restatement of what the dataflow hash is meant to identify, for checking it: the
 * update and the live slots' new values as expressions over inputs by position (live slots renumbered),
 * constants by value (0.0 and -0.0 alike), functions by name with commutative arguments sorted, copies
 * and names gone. Every distinct subexpression gets an id from one table shared by all programs this
 * instance sees, so two programs get equal forms exactly when their live dataflow is the same: no
 * collisions, unlike a 64-bit hash.
 */
final class LiveForm {
    private static final Set<Op> COMMUTATIVE = EnumSet.of(Op.ADD, Op.MUL, Op.MAX, Op.MIN, Op.DOT, Op.COSINE_SIM);

    private final Map<String, Integer> ids = new HashMap<>();

    /** The canonical form of a valid program's live part. */
    String of(Program p) {
        Signature sig = p.signature();
        boolean[] live = liveSlots(p);
        Map<String, Integer> env = new HashMap<>();
        env.put(sig.weight(), intern("w"));
        env.put(sig.gradient(), intern("g"));
        env.put(sig.learningRate(), intern("lr"));
        int rank = 0;
        for (int s = 0; s < live.length; s++) {
            env.put(sig.slots().get(s), intern(live[s] ? "slot" + rank++ : "dead slot"));
        }
        for (Hyperparameter h : sig.hyperparameters()) {
            env.put(h.name(), constant(h.value()));
        }
        for (Statement s : p.statements()) {
            List<Integer> args = new ArrayList<>();
            for (Operand a : s.args()) {
                args.add(a instanceof Operand.Const c ? constant(c.value()) : env.get(((Operand.Var) a).name()));
            }
            if (s.op() == Op.COPY) {
                env.put(s.target(), args.get(0));
                continue;
            }
            if (COMMUTATIVE.contains(s.op())) {
                args.sort(null);
            }
            env.put(s.target(), intern(s.op().name() + args));
        }
        StringBuilder form = new StringBuilder("update=").append(env.get(p.returns().get(0)));
        for (int s = 0; s < live.length; s++) {
            if (live[s]) {
                form.append(", slot=").append(env.get(p.returns().get(1 + s)));
            }
        }
        return form.toString();
    }

    /** A slot is live when the update, or a live slot's new value, reads it (a fixpoint over steps). */
    private static boolean[] liveSlots(Program p) {
        Signature sig = p.signature();
        Map<String, BitSet> reads = new HashMap<>();
        for (int i = 0; i < sig.inputs().size(); i++) {
            BitSet b = new BitSet();
            b.set(i);
            reads.put(sig.inputs().get(i), b);
        }
        sig.hyperparameters().forEach(h -> reads.put(h.name(), new BitSet()));
        for (Statement s : p.statements()) {
            BitSet b = new BitSet();
            for (Operand a : s.args()) {
                if (a instanceof Operand.Var v) {
                    b.or(reads.get(v.name()));
                }
            }
            reads.put(s.target(), b);
        }
        BitSet needed = (BitSet) reads.get(p.returns().get(0)).clone();
        boolean[] live = new boolean[sig.slotCount()];
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int s = 0; s < live.length; s++) {
                if (!live[s] && needed.get(2 + s)) {
                    live[s] = true;
                    needed.or(reads.get(p.returns().get(1 + s)));
                    changed = true;
                }
            }
        }
        return live;
    }

    private int constant(double value) {
        return intern("const " + Double.doubleToLongBits(value == 0 ? 0.0 : value));
    }

    private int intern(String key) {
        return ids.computeIfAbsent(key, k -> ids.size());
    }
}
