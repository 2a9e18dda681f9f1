package org.optsearch.exec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.optsearch.lang.Dataflow;
import org.optsearch.lang.Op;
import org.optsearch.lang.Signature;
import org.optsearch.lang.StepInput;

/**
 * The fused executor's compiled form of a program: values sorted by how often they change (once a
 * step, once a tensor, every element) and by the pass over memory in which they can be computed.
 *
 * <p>A reduction (a sum over the whole parameter set or over one tensor) can only be used in the pass
 * after the one that computes it, so the number of passes is one more than the longest chain of
 * reductions. Elementwise programs such as Lion and AdamW run in a single pass. Passes before the last
 * only read memory; the last writes the weights and state in place.
 */
final class FusedPlan {

    /** How often a value changes. */
    enum Rate { STEP, TENSOR, ELEMENT }

    /** What a lowered node is. */
    enum Form {
        /** An input buffer: w (0), g (1), or state slot k (2 + k). */
        BUFFER,
        /** The learning rate or a constant; {@code constant} holds the constant. */
        LEARNING_RATE, CONSTANT,
        /** A step input; {@code buffer} holds the {@link org.optsearch.lang.StepInput} ordinal. */
        STEP_INPUT,
        /** The shape factor of each tensor: known from the layout, once a tensor. */
        SHAPE,
        /** An elementwise function of its arguments. */
        APPLY,
        /** Sum of x*y over the parameter set (global) or over each tensor (per tensor); a double. */
        SUM_GLOBAL, SUM_TENSOR,
        /** A scalar function of sums and scalars, see {@link Finisher}. */
        FINISH,
        /** A non-elementwise function applied to scalars only: no reduction needed. */
        SCALAR_REDUCE
    }

    /** Scalar functions that turn sums into the values the program sees. */
    enum Finisher { SQRT, IDENTITY, COSINE, CLIP_FACTOR, RMS, MEAN }

    static final class Node {
        final int id;
        final Form form;
        final Op op;
        final int[] args;
        final Finisher finisher;
        final int buffer;
        final double constant;
        Rate rate;
        int level;

        Node(int id, Form form, Op op, int[] args, Finisher finisher, int buffer, double constant) {
            this.id = id;
            this.form = form;
            this.op = op;
            this.args = args;
            this.finisher = finisher;
            this.buffer = buffer;
            this.constant = constant;
        }

        boolean isSum() {
            return form == Form.SUM_GLOBAL || form == Form.SUM_TENSOR;
        }
    }

    final List<Node> nodes = new ArrayList<>();
    /** The update, then the new value of each state slot. */
    final int[] outputs;
    /** Index of the last pass; passes 0 .. lastPass. */
    final int lastPass;
    /** Nodes needed at all, in topological order. */
    final int[] order;

    private final int[] lowered;
    /** The lowering walk's stack: node ids, and for each, the next argument to look at. */
    private final int[] stack;
    private final int[] nextArg;
    /** Sum nodes by form and (unordered) pair of arguments. */
    private final Map<List<Integer>, Integer> sumNodes = new HashMap<>();
    private final int learningRateInput;

    private final List<StepInput> stepInputs;

    /** Whether the fused form can run this program: not when it calls a matrix function ({@code orthogonalize}). */
    static boolean lowers(Dataflow graph) {
        boolean[] live = graph.reachableFrom(graph.outputs());
        for (int i = 0; i < live.length; i++) {
            Op op = graph.node(i).op();
            if (live[i] && op != null && op.shape() == Op.Shape.MATRIX) {
                return false;
            }
        }
        return true;
    }

    /** @param signature the program's signature: the learning rate and the step inputs by position */
    FusedPlan(Dataflow graph, Signature signature) {
        learningRateInput = signature.inputs().size() - 1;
        stepInputs = signature.stepInputs();
        lowered = new int[graph.size()];
        Arrays.fill(lowered, -1);
        stack = new int[graph.size()];
        nextArg = new int[graph.size()];
        outputs = new int[graph.outputs().length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = lower(graph, graph.outputs()[i]);
        }
        int last = 0;
        for (int out : outputs) {
            last = Math.max(last, nodes.get(out).level);
        }
        lastPass = last;
        order = neededInOrder();
    }

    /** The pass in which a sum node is accumulated. */
    int passOf(Node sum) {
        return sum.level - 1;
    }

    /**
     * Lowers the node and what it needs, arguments before users, in the order a depth-first walk from
     * the outputs meets them. The walk keeps its own stack: a program is a chain of any length (a
     * 100,000-statement program is a 100,000-deep chain), which recursion could not follow.
     */
    private int lower(Dataflow graph, int root) {
        if (lowered[root] >= 0) {
            return lowered[root];
        }
        int top = 0;
        nextArg[top] = 0;
        stack[top++] = root;
        while (top > 0) {
            int id = stack[top - 1];
            Dataflow.Node n = graph.node(id);
            int pending = -1;
            while (n.kind() == Dataflow.Kind.OP && nextArg[top - 1] < n.args().length) {
                int a = n.arg(nextArg[top - 1]++);
                if (lowered[a] < 0) {
                    pending = a;
                    break;
                }
            }
            if (pending >= 0) {
                nextArg[top] = 0;
                stack[top++] = pending;
                continue;
            }
            top--;
            lowered[id] = switch (n.kind()) {
                case INPUT -> n.input() == learningRateInput
                        ? add(Form.LEARNING_RATE, null, new int[0], null, -1, 0)
                        : n.input() > learningRateInput
                        ? add(Form.STEP_INPUT, null, new int[0], null,
                                stepInputs.get(n.input() - learningRateInput - 1).ordinal(), 0)
                        : add(Form.BUFFER, null, new int[0], null, n.input(), 0);
                case CONSTANT -> add(Form.CONSTANT, null, new int[0], null, -1, n.constant());
                case OP -> operation(n);
            };
        }
        return lowered[root];
    }

    /** Lowers an operation whose arguments are lowered already. */
    private int operation(Dataflow.Node n) {
        int[] args = new int[n.args().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = lowered[n.arg(i)];
        }
        Op op = n.op();
        if (op == Op.COPY) {
            return args[0];
        }
        if (!op.reduces()) {
            return add(Form.APPLY, op, args, null, -1, 0);
        }
        boolean allStep = Arrays.stream(args).allMatch(a -> nodes.get(a).rate == Rate.STEP);
        if (allStep) {
            return add(Form.SCALAR_REDUCE, op, args, null, -1, 0);
        }
        int x = args[0];
        return switch (op) {
            case NORM -> add(Form.FINISH, null, new int[] {sum(Form.SUM_TENSOR, x, x)}, Finisher.SQRT, -1, 0);
            case RMS -> add(Form.FINISH, null, new int[] {sum(Form.SUM_TENSOR, x, x)}, Finisher.RMS, -1, 0);
            case MEAN -> add(Form.FINISH, null, new int[] {sum(Form.SUM_TENSOR, x,
                    add(Form.CONSTANT, null, new int[0], null, -1, 1.0))}, Finisher.MEAN, -1, 0);
            case SHAPE_FACTOR -> add(Form.SHAPE, null, new int[0], null, -1, 0);
            case GLOBAL_NORM -> add(Form.FINISH, null, new int[] {sum(Form.SUM_GLOBAL, x, x)}, Finisher.SQRT, -1, 0);
            case DOT -> add(Form.FINISH, null, new int[] {sum(Form.SUM_GLOBAL, x, args[1])}, Finisher.IDENTITY, -1, 0);
            case COSINE_SIM -> add(Form.FINISH, null, new int[] {sum(Form.SUM_GLOBAL, x, args[1]),
                sum(Form.SUM_GLOBAL, x, x), sum(Form.SUM_GLOBAL, args[1], args[1])}, Finisher.COSINE, -1, 0);
            case CLIP_BY_GLOBAL_NORM -> {
                int factor = add(Form.FINISH, null, new int[] {sum(Form.SUM_GLOBAL, x, x), args[1]},
                        Finisher.CLIP_FACTOR, -1, 0);
                yield add(Form.APPLY, Op.MUL, new int[] {x, factor}, null, -1, 0);
            }
            default -> throw new IllegalStateException("no lowering for " + op);
        };
    }

    /** A sum node, shared when the same sum is needed twice (e.g. |x| in cosine_sim and clipping). */
    private int sum(Form form, int x, int y) {
        List<Integer> key = List.of(form.ordinal(), Math.min(x, y), Math.max(x, y));
        Integer known = sumNodes.get(key);
        if (known == null) {
            known = add(form, null, new int[] {x, y}, null, -1, 0);
            sumNodes.put(key, known);
        }
        return known;
    }

    private int add(Form form, Op op, int[] args, Finisher finisher, int buffer, double constant) {
        Node n = new Node(nodes.size(), form, op, args, finisher, buffer, constant);
        int level = 0;
        Rate rate = Rate.STEP;
        for (int a : args) {
            Node arg = nodes.get(a);
            level = Math.max(level, arg.level);
            if (arg.rate.compareTo(rate) > 0) {
                rate = arg.rate;
            }
        }
        switch (form) {
            case BUFFER -> rate = Rate.ELEMENT;
            case SHAPE -> rate = Rate.TENSOR;
            case SUM_GLOBAL -> {
                level++;
                rate = Rate.STEP;
            }
            case SUM_TENSOR -> {
                level++;
                rate = Rate.TENSOR;
            }
            default -> {
            }
        }
        n.rate = rate;
        n.level = level;
        nodes.add(n);
        return n.id;
    }

    private int[] neededInOrder() {
        boolean[] needed = new boolean[nodes.size()];
        for (int i = nodes.size() - 1; i >= 0; i--) {
            boolean isOutput = false;
            for (int out : outputs) {
                isOutput |= out == i;
            }
            if (isOutput) {
                needed[i] = true;
            }
            if (needed[i]) {
                for (int a : nodes.get(i).args) {
                    needed[a] = true;
                }
            }
        }
        // Nodes are created after their arguments, so id order is a topological order.
        return IntStream.range(0, nodes.size()).filter(i -> needed[i]).toArray();
    }
}
