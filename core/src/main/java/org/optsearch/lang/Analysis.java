package org.optsearch.lang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Abstract execution of a program: no arrays touched. Finds errors and warnings, the kind (scalar or
 * array) of every value, the redundant statements, the live state slots, and the dataflow hash.
 *
 * <p><b>Liveness across steps.</b> The update is live. A state slot is live when its input is read, on
 * this step, by something live (the update or another live slot's new value). A statement is redundant
 * when it does not reach a live output. So in the paper's Program 4 the slot {@code m} is never read
 * before it is overwritten, and {@code m = cosh(update)}, which only feeds it, is redundant.
 *
 * <p><b>The hash</b> describes how the update and the live slots' new values are computed from the
 * inputs: inputs by position (live slots renumbered in order), constants by value, operations by name
 * with the arguments of commutative ones sorted, copies see-through. Names, statement order where it
 * does not matter and redundant statements do not change it.
 */
public final class Analysis {
    /** More state slots than this cannot be tracked by the 64-bit dependence masks. */
    public static final int MAX_SLOTS = 60;

    private final Program program;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Dataflow.Node> nodes = new ArrayList<>();
    private final Map<Double, Integer> constants = new HashMap<>();
    private int[] bindings;
    private int[] outputs;
    private Dataflow dataflow;
    private boolean[] liveSlots;
    private boolean[] liveNodes;
    private List<Integer> deadStatements = List.of();
    private SourceMap.Position firstLearningRateRead;
    /** Whether anything reads lr: programs built in code have no positions, so the position cannot say. */
    private boolean learningRateRead;
    private boolean learningRateMatters;
    private long hash;

    private Analysis(Program program) {
        this.program = program;
    }

    /** Analyses a program; never throws for any program (errors are in {@link #diagnostics()}). */
    public static Analysis of(Program program) {
        Analysis a = new Analysis(program);
        a.run();
        return a;
    }

    public Program program() {
        return program;
    }

    /** Errors and warnings, in order of position. */
    public List<Diagnostic> diagnostics() {
        return List.copyOf(diagnostics);
    }

    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    public boolean valid() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /** Throws {@link ProgramException} with every error when the program is invalid. */
    public Analysis requireValid() {
        if (!valid()) {
            throw new ProgramException(errors());
        }
        return this;
    }

    /** The dataflow graph; only for valid programs. */
    public Dataflow dataflow() {
        requireValid();
        return dataflow;
    }

    /** Indices (from 0) of statements that reach no live output. */
    public List<Integer> deadStatements() {
        return deadStatements;
    }

    /** 1-based source lines of the redundant statements (statement numbers when there is no source). */
    public List<Integer> deadLines() {
        List<Integer> lines = new ArrayList<>();
        for (int i : deadStatements) {
            SourceMap.Position p = program.source().statement(i);
            lines.add(p == null ? i + 1 : p.line());
        }
        return lines;
    }

    /**
     * True when scaling the learning-rate input scales the update in some way; false when {@code lr} is
     * never read, never reaches the update, or its scale cancels on the way (each is a warning), and for
     * invalid programs.
     */
    public boolean learningRateMatters() {
        return learningRateMatters;
    }

    /**
     * True when a live value reads this step input (declared and used on the way to the update or a live
     * slot); false for invalid programs.
     */
    public boolean reads(StepInput input) {
        int k = program.signature().stepInputs().indexOf(input);
        return k >= 0 && liveNodes != null && liveNodes[program.signature().inputs().size() + k];
    }

    /** True for each state slot whose value can influence the update. */
    public boolean slotLive(int slot) {
        return liveSlots != null && liveSlots[slot];
    }

    /** True when statement {@code index} computes an array; false for a scalar. */
    public boolean isArray(int statement) {
        int node = bindings == null ? -1 : bindings[statement];
        return node >= 0 && nodes.get(node).array();
    }

    /** The dataflow hash as 16 hex digits; only for valid programs. */
    public String hash() {
        requireValid();
        return String.format("%016x", hash);
    }

    public long hashBits() {
        requireValid();
        return hash;
    }

    private void run() {
        Signature sig = program.signature();
        if (sig.slotCount() > MAX_SLOTS) {
            diagnostics.add(Diagnostic.error(program.source().input(0),
                    "too many state slots (" + sig.slotCount() + "); at most " + MAX_SLOTS + " are supported"));
            return;
        }
        Map<String, Integer> env = new HashMap<>();
        List<String> inputs = sig.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            boolean array = i < inputs.size() - 1; // lr, the last input, is a scalar
            nodes.add(new Dataflow.Node(Dataflow.Kind.INPUT, null, new int[0], i, 0, array, 1L << i));
            env.put(inputs.get(i), i);
        }
        for (int k = 0; k < sig.stepInputs().size(); k++) { // scalars that no slot or gradient check follows
            nodes.add(new Dataflow.Node(Dataflow.Kind.INPUT, null, new int[0], inputs.size() + k, 0, false, 0));
            env.put(sig.stepInputs().get(k).spelling(), nodes.size() - 1);
        }
        for (Hyperparameter h : sig.hyperparameters()) {
            env.put(h.name(), constant(h.value()));
        }
        List<Statement> statements = program.statements();
        bindings = new int[statements.size()];
        for (int i = 0; i < statements.size(); i++) {
            bindings[i] = statement(i, statements.get(i), env);
            env.put(statements.get(i).target(), bindings[i]);
        }
        outputs = returns(env);
        if (!valid()) {
            return;
        }
        for (int i = 0; i < outputs.length && !learningRateRead; i++) {
            if (outputs[i] == inputs.size() - 1) {
                firstLearningRateRead = program.source().returned(i);
                learningRateRead = true;
            }
        }
        dataflow = new Dataflow(nodes, bindings, outputs);
        liveness();
        checkGradientReachesUpdate();
        slotWarnings();
        List<Diagnostic> schedule = ScheduleCheck.check(program, dataflow, learningRateRead, firstLearningRateRead);
        learningRateMatters = schedule.isEmpty();
        diagnostics.addAll(schedule);
        hash = new DataflowHash(dataflow, liveSlots, sig.inputs().size(), sig.stepInputs()).programHash();
        diagnostics.sort((a, b) -> a.line() != b.line() ? Integer.compare(a.line(), b.line())
                : Integer.compare(a.column(), b.column()));
    }

    private int statement(int index, Statement s, Map<String, Integer> env) {
        int[] args = new int[s.args().size()];
        boolean ok = true;
        for (int a = 0; a < args.length; a++) {
            Operand operand = s.args().get(a);
            if (operand instanceof Operand.Const c) {
                args[a] = constant(c.value());
            } else {
                String name = ((Operand.Var) operand).name();
                Integer node = env.get(name);
                if (node == null) {
                    diagnostics.add(Diagnostic.error(program.source().argument(index, a), undefined(name, env)));
                    ok = false;
                } else if (node < 0) {
                    ok = false; // defined by an invalid statement: already reported
                } else {
                    args[a] = node;
                    if (node == program.signature().inputs().size() - 1 && !learningRateRead) {
                        firstLearningRateRead = program.source().argument(index, a);
                        learningRateRead = true;
                    }
                }
            }
        }
        if (!ok) {
            return -1;
        }
        Op op = s.op();
        if (op == Op.CLIP_BY_GLOBAL_NORM && nodes.get(args[1]).array()) {
            diagnostics.add(Diagnostic.error(program.source().argument(index, 1),
                    "clip_by_global_norm takes a scalar bound as its second argument, got an array"));
            return -1;
        }
        boolean array = switch (op.shape()) {
            case ELEMENTWISE -> Arrays.stream(args).anyMatch(n -> nodes.get(n).array());
            case PER_TENSOR, SCALE_ALL, MATRIX -> nodes.get(args[0]).array();
            case REDUCE_ALL -> false;
        };
        long deps = 0;
        for (int n : args) {
            deps |= nodes.get(n).inputs();
        }
        nodes.add(new Dataflow.Node(Dataflow.Kind.OP, op, args, -1, 0, array, deps));
        return nodes.size() - 1;
    }

    private int constant(double value) {
        double key = value == 0 ? 0.0 : value; // -0.0 and 0.0 are one constant
        return constants.computeIfAbsent(key, v -> {
            nodes.add(new Dataflow.Node(Dataflow.Kind.CONSTANT, null, new int[0], -1, v, false, 0));
            return nodes.size() - 1;
        });
    }

    private String undefined(String name, Map<String, Integer> env) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.equals("inf") || lower.equals("infinity")) {
            return "'" + name + "' is not a number this language accepts: literals must be finite";
        }
        if (Op.byName(name) != null) {
            return "'" + name + "' is a function, not a variable; call it: " + name + "(...)";
        }
        String best = Op.closest(name, env.keySet());
        return "undefined variable '" + Diagnostic.shorten(name) + "'" + (best != null ? "; did you mean '" + best + "'?" : "");
    }

    private int[] returns(Map<String, Integer> env) {
        List<String> names = program.returns();
        Signature sig = program.signature();
        int expected = 1 + sig.slotCount();
        if (names.size() != expected) {
            String slots = sig.slotCount() == 0 ? "no state slots" : "state slots " + String.join(", ", sig.slots());
            diagnostics.add(Diagnostic.error(program.source().returned(0),
                    "'return' gives " + names.size() + " value" + (names.size() == 1 ? "" : "s") + " but the signature has "
                            + slots + ": return the update, then the new value of each slot in signature order ("
                            + expected + " value" + (expected == 1 ? "" : "s") + ")"));
            return null;
        }
        int[] out = new int[names.size() + (program.hasReadout() ? 1 : 0)];
        for (int i = 0; i < out.length; i++) {
            String name = i < names.size() ? names.get(i) : program.readout();
            Integer node = env.get(name);
            if (node == null) {
                diagnostics.add(Diagnostic.error(program.source().returned(i), undefined(name, env)));
            } else if (node >= 0) {
                out[i] = node;
                if (i == names.size() && !nodes.get(node).array()) {
                    diagnostics.add(Diagnostic.error(program.source().returned(i), "the readout '" + name
                            + "' is a scalar; it gives the weights to evaluate, an array like '" + sig.weight() + "'"));
                }
            }
        }
        return out;
    }

    /** Slots are live when a live value reads them; iterate to the fixpoint. */
    private void liveness() {
        int slots = program.slotCount();
        liveSlots = new boolean[slots];
        long needed = nodes.get(outputs[0]).inputs();
        if (program.hasReadout()) {
            needed |= nodes.get(outputs[outputs.length - 1]).inputs(); // the readout is live: slots it reads are too
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < slots; s++) {
                if (!liveSlots[s] && (needed & (1L << (2 + s))) != 0) {
                    liveSlots[s] = true;
                    needed |= nodes.get(outputs[s + 1]).inputs();
                    changed = true;
                }
            }
        }
        int[] roots = liveRoots();
        liveNodes = dataflow.reachableFrom(roots);
        List<Integer> dead = new ArrayList<>();
        for (int i = 0; i < bindings.length; i++) {
            if (!liveNodes[bindings[i]]) {
                dead.add(i);
            }
        }
        deadStatements = List.copyOf(dead);
    }

    private int[] liveRoots() {
        List<Integer> roots = new ArrayList<>();
        roots.add(outputs[0]);
        if (program.hasReadout()) {
            roots.add(outputs[outputs.length - 1]);
        }
        for (int s = 0; s < liveSlots.length; s++) {
            if (liveSlots[s]) {
                roots.add(outputs[s + 1]);
            }
        }
        return roots.stream().mapToInt(Integer::intValue).toArray();
    }

    private void checkGradientReachesUpdate() {
        int slots = program.slotCount();
        boolean[] slotSeesG = new boolean[slots];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int s = 0; s < slots; s++) {
                if (!slotSeesG[s] && seesGradient(nodes.get(outputs[s + 1]).inputs(), slotSeesG)) {
                    slotSeesG[s] = true;
                    changed = true;
                }
            }
        }
        if (!seesGradient(nodes.get(outputs[0]).inputs(), slotSeesG)) {
            diagnostics.add(Diagnostic.error(program.source().returned(0),
                    "the update '" + program.returns().get(0) + "' does not depend on the gradient '"
                            + program.signature().gradient() + "', directly or through the state"));
        }
    }

    private static boolean seesGradient(long deps, boolean[] slotSeesG) {
        if ((deps & 2L) != 0) {
            return true;
        }
        for (int s = 0; s < slotSeesG.length; s++) {
            if (slotSeesG[s] && (deps & (1L << (2 + s))) != 0) {
                return true;
            }
        }
        return false;
    }

    private void slotWarnings() {
        List<String> slots = program.signature().slots();
        for (int s = 0; s < slots.size(); s++) {
            SourceMap.Position at = program.source().input(2 + s);
            int out = outputs[s + 1];
            if (seeThroughCopies(out) == 2 + s) {
                diagnostics.add(Diagnostic.warning(at, "state slot '" + slots.get(s)
                        + "' is returned unchanged, so it stays zero; write its new value or remove the slot"));
            } else if (!liveSlots[s]) {
                diagnostics.add(Diagnostic.warning(at, "state slot '" + slots.get(s)
                        + "' is never read on the way to the update, so its new value has no effect"));
            }
        }
    }

    private int seeThroughCopies(int node) {
        Dataflow.Node n = nodes.get(node);
        while (n.op() == Op.COPY) {
            node = n.arg(0);
            n = nodes.get(node);
        }
        return node;
    }
}
