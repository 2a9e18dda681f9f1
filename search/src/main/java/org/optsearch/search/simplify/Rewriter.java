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
 *
 * <p>Cost: linear in the program's length per sweep, whatever the number of applications. The rules
 * never change a value's kind, so an application can only make the program invalid by changing which
 * inputs a value depends on; the program is analysed again only then (a rule that drops an argument).
 * Which values are live changes for later statements only when that dependence or a returned value
 * changes, so liveness is recomputed only then too. The result is analysed once at the end; were it
 * ever invalid, the rewrite is done again the careful way, analysing after every application.
 */
final class Rewriter {
    /** Far above what any program needs; reaching it means a pair of rules undo each other. */
    private static final int MAX_SWEEPS = 10_000;

    private final Ssa work;
    private final List<Rule> rules;
    private final List<String> log;
    private final boolean careful;
    /** Per value: bit p set when it depends on input position p (w = 0, g = 1, the slots, lr last). */
    private final long[] dependences;

    private Rewriter(Ssa start, List<Rule> rules, List<String> log, boolean careful) {
        this.work = start.editableCopy();
        this.rules = rules;
        this.log = log;
        this.careful = careful;
        this.dependences = new long[start.defs().size()];
        computeDependences(0);
    }

    /** The rewritten form; each applied rule adds {@code "label: before -> after"} to {@code log}. */
    static Ssa rewrite(Ssa ssa, List<Rule> rules, List<String> log) {
        int logged = log.size();
        Ssa fast = new Rewriter(ssa, rules, log, false).run();
        if (Analysis.of(fast.toProgram()).valid()) {
            return fast;
        }
        log.subList(logged, log.size()).clear();
        return rewriteCarefully(ssa, rules, log);
    }

    /** The same rewrite, analysing the whole program after every application (for tests: the same result). */
    static Ssa rewriteCarefully(Ssa ssa, List<Rule> rules, List<String> log) {
        return new Rewriter(ssa, rules, log, true).run();
    }

    private Ssa run() {
        Set<String> refused = new HashSet<>();
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean changed = false;
            boolean[] live = work.liveValues();
            for (int i = 0; i < work.defs().size(); i++) {
                if (!live[i]) {
                    continue;
                }
                for (Rule rule : rules) {
                    Ssa.Def replacement = rule.apply(work, i);
                    if (replacement == null) {
                        continue;
                    }
                    String key = rule + "@" + i + ":" + replacement;
                    if (refused.contains(key)) {
                        continue;
                    }
                    Ssa.Def before = work.def(i);
                    List<Ssa.Ref> outputsBefore = List.copyOf(work.outputs());
                    boolean kindKept = work.set(i, replacement);
                    boolean dependencesChanged = updateDependences(i);
                    boolean outputsChanged = readOutputsThroughCopiesInPlace(work);
                    boolean check = careful || !kindKept || dependencesChanged;
                    if (check && !Analysis.of(work.toProgram()).valid()) {
                        work.set(i, before);
                        updateDependences(i);
                        for (int k = 0; k < outputsBefore.size(); k++) {
                            work.setOutput(k, outputsBefore.get(k));
                        }
                        refused.add(key);
                        continue;
                    }
                    log.add(rule.label() + ": " + work.show(before) + " -> " + work.show(replacement));
                    if (!kindKept || dependencesChanged || outputsChanged) {
                        live = work.liveValues();
                    }
                    changed = true;
                    break;
                }
            }
            if (!changed) {
                return work.frozen();
            }
        }
        throw new IllegalStateException("rewriting did not reach a fixpoint in " + MAX_SWEEPS + " sweeps; log: "
                + log.subList(Math.max(0, log.size() - 10), log.size()));
    }

    /** Recomputes the input dependence of value {@code i}; when it changed, also of every later value. */
    private boolean updateDependences(int i) {
        long old = dependences[i];
        if (dependenceOf(i) == old) {
            return false;
        }
        computeDependences(i);
        return true;
    }

    private void computeDependences(int from) {
        for (int i = from; i < dependences.length; i++) {
            dependences[i] = dependenceOf(i);
        }
    }

    private long dependenceOf(int i) {
        long deps = 0;
        for (Ssa.Ref a : work.def(i).args()) {
            if (a instanceof Ssa.In in) {
                deps |= 1L << in.position();
            } else if (a instanceof Ssa.At at) {
                deps |= dependences[at.index()];
            }
        }
        return deps;
    }

    /** Outputs that are copies of a variable return that variable; a copied literal stays a statement. */
    static Ssa readOutputsThroughCopies(Ssa ssa) {
        Ssa editable = ssa.editableCopy();
        return readOutputsThroughCopiesInPlace(editable) ? editable.frozen() : ssa;
    }

    /** In place, on an editable form; returns whether an output changed. */
    private static boolean readOutputsThroughCopiesInPlace(Ssa editable) {
        boolean changed = false;
        for (int k = 0; k < editable.outputs().size(); k++) {
            Ssa.Ref out = editable.outputs().get(k);
            Ssa.Def d = editable.def(out);
            while (d != null && d.op() == Op.COPY && !(d.arg(0) instanceof Ssa.Lit)) {
                out = d.arg(0);
                d = editable.def(out);
                changed = true;
            }
            editable.setOutput(k, out);
        }
        return changed;
    }
}
