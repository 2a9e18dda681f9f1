package org.optsearch.search.simplify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;

/**
 * Applies a table of {@link Rule}s to a fixpoint.
 *
 * <p>Order, for a deterministic result: sweep the live statements first to last; on each, try the rules
 * in table order and apply the first that matches; sweep again until a sweep changes nothing. After each
 * application, returned copies are read through ({@code return u} after {@code u = update * 1.0} returns
 * {@code update}). An application after which the program would be invalid is refused: a rule such as
 * {@code interp(g, x, 1.0) -> x} can leave an update that no longer reads the gradient, which the
 * language rejects although the function is the same.
 */
final class Rewriter {
    /** Far above what any program needs; reaching it means a pair of rules undo each other. */
    private static final int MAX_SWEEPS = 10_000;

    private Rewriter() {
    }

    /** The rewritten form; each applied rule adds {@code "label: before -> after"} to {@code log}. */
    static Ssa rewrite(Ssa ssa, List<Rule> rules, List<String> log) {
        Set<String> refused = new HashSet<>();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean changed = false;
            boolean[] live = ssa.liveValues();
            for (int i = 0; i < ssa.defs().size(); i++) {
                if (!live[i]) {
                    continue;
                }
                for (Rule rule : rules) {
                    Ssa.Def replacement = rule.apply(ssa, i);
                    if (replacement == null) {
                        continue;
                    }
                    String key = rule + "@" + i + ":" + replacement;
                    if (refused.contains(key)) {
                        continue;
                    }
                    Ssa next = readOutputsThroughCopies(ssa.replace(i, replacement));
                    if (!Analysis.of(next.toProgram()).valid()) {
                        refused.add(key);
                        continue;
                    }
                    log.add(rule.label() + ": " + ssa.show(ssa.def(i)) + " -> " + next.show(replacement));
                    ssa = next;
                    live = ssa.liveValues();
                    changed = true;
                    break;
                }
            }
            if (!changed) {
                return ssa;
            }
        }
        throw new IllegalStateException("rewriting did not reach a fixpoint in " + MAX_SWEEPS + " sweeps; log: "
                + log.subList(Math.max(0, log.size() - 10), log.size()));
    }

    /** Outputs that are copies of a variable return that variable; a copied literal stays a statement. */
    static Ssa readOutputsThroughCopies(Ssa ssa) {
        List<Ssa.Ref> outputs = new ArrayList<>(ssa.outputs());
        boolean changed = false;
        for (int k = 0; k < outputs.size(); k++) {
            Ssa.Def d = ssa.def(outputs.get(k));
            while (d != null && d.op() == Op.COPY && !(d.arg(0) instanceof Ssa.Lit)) {
                outputs.set(k, d.arg(0));
                d = ssa.def(d.arg(0));
                changed = true;
            }
        }
        return changed ? ssa.withOutputs(outputs) : ssa;
    }
}
