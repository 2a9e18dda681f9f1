package org.optsearch.search.simplify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.StepInput;
import org.optsearch.lang.Statement;

/**
 * Prints a single-assignment form back as a program, keeping the names a reader knows.
 *
 * <ul>
 *   <li>Only live values are printed, and only live state slots stay in the signature and the return
 *       line (slots are positional, so the rest move up).</li>
 *   <li>Each value takes the name its statement had; a returned value takes the name the program
 *       returned it under (so {@code return update, m} stays that), the update's name winning if one
 *       value is returned twice.</li>
 *   <li>Values are printed in their original order, except that a value whose name still holds
 *       something to be read waits, when another value is ready, until the name is free: so
 *       {@code update = sign(v)} comes before {@code v = interp(g, v, 0.99)} rather than the new
 *       value being called {@code v1}. When nothing else is ready, the value gets a fresh name
 *       ({@code m1}).</li>
 *   <li>A returned literal gets a copy statement at the end ({@code update = 0.5}).</li>
 * </ul>
 * A form built from a valid program prints as that program less its dead statements and dead slots:
 * there, the next statement in order is always ready and its name free.
 */
final class Emitter {
    private Emitter() {
    }

    static Program emit(Ssa ssa) {
        boolean[] liveSlots = ssa.liveSlots();
        boolean[] live = ssa.liveValues();
        List<Ssa.Ref> outputs = new ArrayList<>();
        List<String> outputNames = new ArrayList<>();
        outputs.add(ssa.outputs().get(0));
        outputNames.add(ssa.outputNames().get(0));
        List<String> inputs = new ArrayList<>();
        inputs.add(ssa.inputs().get(0));
        inputs.add(ssa.inputs().get(1));
        for (int s = 0; s < liveSlots.length; s++) {
            if (liveSlots[s]) {
                inputs.add(ssa.inputs().get(2 + s));
                outputs.add(ssa.outputs().get(1 + s));
                outputNames.add(ssa.outputNames().get(1 + s));
            }
        }
        inputs.add(ssa.inputs().get(ssa.positional() - 1));
        List<StepInput> stepInputs = new ArrayList<>();
        for (String step : ssa.inputs().subList(ssa.positional(), ssa.inputs().size())) {
            stepInputs.add(StepInput.byName(step));
        }
        if (ssa.readout() != null) {
            outputs.add(ssa.readout());
            outputNames.add(ssa.outputNames().get(ssa.outputNames().size() - 1));
        }

        // readers not yet printed, per value; a returned value keeps one for ever
        Map<Ssa.Ref, Integer> pending = new HashMap<>();
        for (int i = 0; i < live.length; i++) {
            if (live[i]) {
                for (Ssa.Ref a : new HashSet<>(ssa.def(i).args())) {
                    pending.merge(a, 1, Integer::sum);
                }
            }
        }
        outputs.forEach(o -> pending.merge(o, 1, Integer::sum));

        String[] preferred = new String[live.length];
        for (int i = 0; i < live.length; i++) {
            preferred[i] = ssa.def(i).name();
        }
        for (int k = outputs.size() - 1; k >= 0; k--) { // the update's name wins
            if (outputs.get(k) instanceof Ssa.At at) {
                preferred[at.index()] = outputNames.get(k);
            }
        }

        Map<String, Ssa.Ref> holder = new HashMap<>();
        Map<Ssa.Ref, String> nameOf = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < ssa.inputs().size(); i++) {
            Ssa.In in = new Ssa.In(i);
            holder.put(ssa.inputs().get(i), in);
            nameOf.put(in, ssa.inputs().get(i));
            used.add(ssa.inputs().get(i));
        }
        List<Statement> body = new ArrayList<>();
        boolean[] printed = new boolean[live.length];
        int unprinted = 0; // every live value before this one is printed: no scan starts earlier
        for (int pick = next(ssa, live, printed, unprinted, preferred, holder, pending); pick >= 0;
             pick = next(ssa, live, printed, unprinted, preferred, holder, pending)) {
            Ssa.Def d = ssa.def(pick);
            List<Operand> args = new ArrayList<>();
            for (Ssa.Ref a : d.args()) {
                args.add(a instanceof Ssa.Lit l ? new Operand.Const(l.value()) : new Operand.Var(nameOf.get(a)));
            }
            for (Ssa.Ref a : new HashSet<>(d.args())) {
                pending.merge(a, -1, Integer::sum);
            }
            String name = claim(preferred[pick], holder, pending, used);
            Ssa.At self = new Ssa.At(pick);
            holder.put(name, self);
            nameOf.put(self, name);
            body.add(new Statement(name, d.op(), args));
            printed[pick] = true;
            while (unprinted < live.length && (!live[unprinted] || printed[unprinted])) {
                unprinted++;
            }
        }
        List<String> returns = new ArrayList<>();
        for (int k = 0; k < outputs.size(); k++) {
            Ssa.Ref o = outputs.get(k);
            if (o instanceof Ssa.Lit l) {
                String name = claim(outputNames.get(k), holder, pending, used);
                holder.put(name, o);
                body.add(Statement.of(name, Op.COPY, new Operand.Const(l.value())));
                returns.add(name);
            } else {
                returns.add(nameOf.get(o));
            }
        }
        String readout = ssa.readout() != null ? returns.remove(returns.size() - 1) : null;
        return new Program(new Signature(ssa.name(), inputs, stepInputs, List.of()), body, returns, readout,
                org.optsearch.lang.SourceMap.NONE);
    }

    /**
     * The value to print next: the first unprinted live value (in original order) whose arguments are
     * printed and whose name is free; if every ready value's name is still needed, the first ready one
     * (it will get a fresh name); -1 when all are printed. The scan starts at the first unprinted live
     * value, so printing a valid program's values in order costs linear time.
     */
    private static int next(Ssa ssa, boolean[] live, boolean[] printed, int unprinted, String[] preferred,
                            Map<String, Ssa.Ref> holder, Map<Ssa.Ref, Integer> pending) {
        int fallback = -1;
        for (int i = unprinted; i < live.length; i++) {
            if (!live[i] || printed[i] || !ready(ssa.def(i), printed)) {
                continue;
            }
            Ssa.Ref held = holder.get(preferred[i]);
            int readers = held == null ? 0 : pending.getOrDefault(held, 0) - (ssa.def(i).args().contains(held) ? 1 : 0);
            if (readers <= 0) {
                return i;
            }
            if (fallback < 0) {
                fallback = i;
            }
        }
        return fallback;
    }

    private static boolean ready(Ssa.Def d, boolean[] printed) {
        for (Ssa.Ref a : d.args()) {
            if (a instanceof Ssa.At at && !printed[at.index()]) {
                return false;
            }
        }
        return true;
    }

    /** {@code wanted}, unless the value it holds is still to be read; then a fresh name ({@code m1}). */
    private static String claim(String wanted, Map<String, Ssa.Ref> holder, Map<Ssa.Ref, Integer> pending,
                                Set<String> used) {
        String name = wanted;
        Ssa.Ref held = holder.get(name);
        if (held != null && pending.getOrDefault(held, 0) > 0) {
            for (int n = 1; ; n++) {
                if (!used.contains(wanted + n)) {
                    name = wanted + n;
                    break;
                }
            }
        }
        used.add(name);
        return name;
    }
}
