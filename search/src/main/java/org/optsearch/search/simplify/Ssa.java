package org.optsearch.search.simplify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/**
 * A program in single-assignment form, the form the rewrite rules work on: every statement defines a
 * new value ({@link Def}), and arguments point at inputs (by position), earlier values (by index) or
 * literals, so a rule can replace a value without caring which names were reassigned. Each value keeps
 * the name its statement had, for printing back ({@link Emitter}).
 *
 * <p>Immutable: {@link #replace} returns a new form. The one exception is the copy that
 * {@link #editableCopy()} makes for {@link Rewriter}, which changes it in place with {@link #set} so
 * that a rewrite costs the same however long the program is. Indices of values never change during
 * rewriting; values that nothing live reads any more are simply not printed.
 */
final class Ssa {

    /** An argument: an input of the signature, an earlier value, or a literal. */
    sealed interface Ref permits In, At, Lit {
    }

    /** Input {@code position} of the signature: w = 0, g = 1, the slots, lr last. */
    record In(int position) implements Ref {
    }

    /** The value defined by statement {@code index}. */
    record At(int index) implements Ref {
    }

    /** A literal; executed as float32 like every constant. */
    record Lit(double value) implements Ref {
        /** The value the executors compute with. */
        float asFloat() {
            return (float) value;
        }
    }

    /** One statement: {@code name = op(args)}. */
    record Def(String name, Op op, List<Ref> args) {
        Def {
            args = List.copyOf(args);
        }

        Ref arg(int i) {
            return args.get(i);
        }

        Def with(Op newOp, Ref... newArgs) {
            return new Def(name, newOp, List.of(newArgs));
        }
    }

    private final String name;
    /** The positional inputs (w, g, slots, lr), then the step inputs by name. */
    private final List<String> inputs;
    /** How many of {@link #inputs} are positional. */
    private final int positional;
    /** Whether the last output is the readout. */
    private final boolean readout;
    private final List<Def> defs;
    private final List<Ref> outputs;
    private final List<String> outputNames;
    private final boolean[] arrays;
    private final boolean editable;
    /** For common subexpressions: the indices of the values defined by each (op, arguments); built when first asked. */
    private Map<List<Object>, TreeSet<Integer>> byDefinition;

    Ssa(String name, List<String> inputs, int positional, boolean readout, List<Def> defs, List<Ref> outputs,
        List<String> outputNames) {
        this(name, inputs, positional, readout, defs, outputs, outputNames, false);
    }

    private Ssa(String name, List<String> inputs, int positional, boolean readout, List<Def> defs, List<Ref> outputs,
                List<String> outputNames, boolean editable) {
        this.name = name;
        this.inputs = List.copyOf(inputs);
        this.positional = positional;
        this.readout = readout;
        this.defs = editable ? new ArrayList<>(defs) : List.copyOf(defs);
        this.outputs = editable ? new ArrayList<>(outputs) : List.copyOf(outputs);
        this.outputNames = List.copyOf(outputNames);
        this.editable = editable;
        this.arrays = new boolean[defs.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = computeKind(defs.get(i));
        }
    }

    /** A copy that {@link #set} and {@link #setOutput} change in place; for {@link Rewriter} only. */
    Ssa editableCopy() {
        return new Ssa(name, inputs, positional, readout, defs, outputs, outputNames, true);
    }

    /** An immutable copy of this form as it is now. */
    Ssa frozen() {
        return editable ? new Ssa(name, inputs, positional, readout, defs, outputs, outputNames) : this;
    }

    /**
     * Defines value {@code index} by {@code def}, in place (an editable copy only). Returns whether the
     * value kept its kind (scalar or array), as every rule's replacement does; when it did not, the kinds
     * of the later values are worked out again.
     */
    boolean set(int index, Def def) {
        requireEditable();
        Def old = defs.set(index, def);
        if (byDefinition != null) {
            byDefinition.get(key(old.op(), old.args())).remove(index);
            byDefinition.computeIfAbsent(key(def.op(), def.args()), k -> new TreeSet<>()).add(index);
        }
        boolean kept = computeKind(def) == arrays[index];
        if (!kept) {
            for (int i = index; i < arrays.length; i++) {
                arrays[i] = computeKind(defs.get(i));
            }
        }
        return kept;
    }

    /** Returns {@code ref} as output {@code k}, in place (an editable copy only). */
    void setOutput(int k, Ref ref) {
        requireEditable();
        outputs.set(k, ref);
    }

    private void requireEditable() {
        if (!editable) {
            throw new IllegalStateException("this single-assignment form is immutable");
        }
    }

    /**
     * The first value before {@code index} with the same function and arguments as value {@code index}
     * (for + * max min dot cosine_sim, in either order), or -1.
     */
    int firstRepeat(int index) {
        if (byDefinition == null) {
            byDefinition = new HashMap<>();
            for (int i = 0; i < defs.size(); i++) {
                byDefinition.computeIfAbsent(key(defs.get(i).op(), defs.get(i).args()), k -> new TreeSet<>()).add(i);
            }
        }
        Def d = defs.get(index);
        int first = firstBefore(key(d.op(), d.args()), index);
        if (d.op().commutative() && d.args().size() == 2) {
            int swapped = firstBefore(key(d.op(), List.of(d.arg(1), d.arg(0))), index);
            first = first < 0 || swapped >= 0 && swapped < first ? swapped : first;
        }
        return first;
    }

    private int firstBefore(List<Object> key, int index) {
        TreeSet<Integer> same = byDefinition.get(key);
        Integer first = same == null || same.isEmpty() ? null : same.first();
        return first != null && first < index ? first : -1;
    }

    private static List<Object> key(Op op, List<Ref> args) {
        List<Object> key = new ArrayList<>(args.size() + 1);
        key.add(op);
        key.addAll(args);
        return key;
    }

    /**
     * The single-assignment form of a valid program, hyperparameters inlined as literals.
     *
     * @throws org.optsearch.lang.ProgramException listing the errors of an invalid program
     */
    static Ssa of(Program program) {
        Analysis.of(program).requireValid();
        Program p = program.inlineHyperparameters();
        List<String> inputs = new ArrayList<>(p.signature().inputs());
        p.signature().stepInputs().forEach(in -> inputs.add(in.spelling()));
        Map<String, Ref> env = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            env.put(inputs.get(i), new In(i));
        }
        List<Def> defs = new ArrayList<>();
        for (Statement s : p.statements()) {
            List<Ref> args = new ArrayList<>();
            for (Operand a : s.args()) {
                args.add(a instanceof Operand.Const c ? new Lit(c.value()) : env.get(((Operand.Var) a).name()));
            }
            env.put(s.target(), new At(defs.size()));
            defs.add(new Def(s.target(), s.op(), args));
        }
        List<String> names = new ArrayList<>(p.returns());
        if (p.hasReadout()) {
            names.add(p.readout());
        }
        List<Ref> outputs = names.stream().map(env::get).toList();
        return new Ssa(p.signature().name(), inputs, p.signature().inputs().size(), p.hasReadout(), defs, outputs, names);
    }

    /** Prints the live part back as a program: dead values and dead state slots are left out. */
    Program toProgram() {
        return Emitter.emit(this);
    }

    /** The signature's name ({@code train}). */
    String name() {
        return name;
    }

    List<String> inputs() {
        return inputs;
    }

    List<Def> defs() {
        return defs;
    }

    Def def(int index) {
        return defs.get(index);
    }

    /** The definition behind a reference, or null for an input or a literal. */
    Def def(Ref ref) {
        return ref instanceof At a ? defs.get(a.index()) : null;
    }

    /** The op defining {@code ref}, or null for an input or a literal. */
    Op opOf(Ref ref) {
        Def d = def(ref);
        return d == null ? null : d.op();
    }

    /** The update, then the new value of each state slot, then the readout if any. */
    List<Ref> outputs() {
        return outputs;
    }

    /** The names the program returned, to print the outputs under. */
    List<String> outputNames() {
        return outputNames;
    }

    int slotCount() {
        return positional - 3;
    }

    /** How many inputs are positional (w, g, slots, lr); the step inputs follow in {@link #inputs()}. */
    int positional() {
        return positional;
    }

    /** The readout's output, or null. */
    Ref readout() {
        return readout ? outputs.get(outputs.size() - 1) : null;
    }

    /** The same form with value {@code index} defined by {@code def}. */
    Ssa replace(int index, Def def) {
        List<Def> copy = new ArrayList<>(defs);
        copy.set(index, def);
        return new Ssa(name, inputs, positional, readout, copy, outputs, outputNames);
    }

    Ssa withOutputs(List<Ref> newOutputs) {
        return new Ssa(name, inputs, positional, readout, defs, newOutputs, outputNames);
    }

    /** True when {@code ref} is an array over the parameter set, false for a scalar (the rules of Analysis). */
    boolean isArray(Ref ref) {
        if (ref instanceof In in) {
            return in.position() < positional - 1; // lr, the last positional input, and the step inputs are scalars
        }
        if (ref instanceof At at) {
            return arrays[at.index()];
        }
        return false;
    }

    private boolean computeKind(Def d) {
        return switch (d.op().shape()) {
            case ELEMENTWISE -> d.args().stream().anyMatch(this::isArray);
            case PER_TENSOR, SCALE_ALL, MATRIX -> isArray(d.arg(0));
            case REDUCE_ALL -> false;
        };
    }

    /** Whether each state slot is live: read, on this step, by the update or by another live slot's new value. */
    boolean[] liveSlots() {
        int slots = slotCount();
        boolean[] live = new boolean[slots];
        boolean[] seen = new boolean[defs.size()];
        boolean[] inputRead = new boolean[inputs.size()];
        mark(outputs.get(0), seen, inputRead);
        if (readout) {
            mark(readout(), seen, inputRead);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < slots; s++) {
                if (!live[s] && inputRead[2 + s]) {
                    live[s] = true;
                    mark(outputs.get(1 + s), seen, inputRead);
                    changed = true;
                }
            }
        }
        return live;
    }

    /** For each value, whether a live output needs it. */
    boolean[] liveValues() {
        boolean[] live = liveSlots();
        boolean[] seen = new boolean[defs.size()];
        boolean[] inputRead = new boolean[inputs.size()];
        mark(outputs.get(0), seen, inputRead);
        if (readout) {
            mark(readout(), seen, inputRead);
        }
        for (int s = 0; s < live.length; s++) {
            if (live[s]) {
                mark(outputs.get(1 + s), seen, inputRead);
            }
        }
        return seen;
    }

    private void mark(Ref root, boolean[] seen, boolean[] inputRead) {
        List<Ref> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Ref r = stack.remove(stack.size() - 1);
            if (r instanceof In in) {
                inputRead[in.position()] = true;
            } else if (r instanceof At at && !seen[at.index()]) {
                seen[at.index()] = true;
                stack.addAll(defs.get(at.index()).args());
            }
        }
    }

    /** The name a reference is printed with in logs: a value's or input's name, or the literal. */
    String show(Ref ref) {
        if (ref instanceof In in) {
            return inputs.get(in.position());
        }
        if (ref instanceof At at) {
            return defs.get(at.index()).name();
        }
        return org.optsearch.lang.Numbers.format(((Lit) ref).value());
    }

    /** A definition as a statement, for logs: {@code update = sign(m)}. */
    String show(Def d) {
        List<Operand> args = d.args().stream()
                .map(r -> r instanceof Lit l ? (Operand) new Operand.Const(l.value()) : new Operand.Var(show(r)))
                .toList();
        return new Statement(d.name(), d.op(), args).toString();
    }
}
