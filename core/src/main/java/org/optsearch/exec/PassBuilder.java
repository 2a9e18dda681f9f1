package org.optsearch.exec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.exec.FusedPlan.Form;
import org.optsearch.exec.FusedPlan.Node;
import org.optsearch.exec.FusedPlan.Rate;

/**
 * Lays out one pass of the fused executor: which elementwise nodes it computes, in which scratch
 * buffers (reused once a value is dead), which values it broadcasts, which sums it accumulates.
 */
final class PassBuilder {
    private final FusedPlan plan;
    private final int block;
    private final boolean last;
    private final List<float[]> arrays = new ArrayList<>();
    private final List<Integer> bufferOperands = new ArrayList<>();
    private final List<Integer> bufferOfOperand = new ArrayList<>();
    private final List<Integer> broadcastOperands = new ArrayList<>();
    private final List<Node> broadcastNodes = new ArrayList<>();
    private final Map<Integer, Integer> operandOfBuffer = new HashMap<>();
    private final Map<Integer, Integer> operandOfBroadcast = new HashMap<>();
    private final Map<Integer, Integer> operandOfNode = new HashMap<>();
    private final Deque<Integer> freeScratch = new ArrayDeque<>();
    private final List<Instruction> instructions = new ArrayList<>();
    private final List<Node> computedNodes = new ArrayList<>();
    private final List<Node> sumNodes = new ArrayList<>();
    private final List<int[]> sums = new ArrayList<>();
    private int[] outputOperands = new int[0];
    private final List<Integer> outputCopies = new ArrayList<>();

    PassBuilder(FusedPlan plan, int pass, int block) {
        this.plan = plan;
        this.block = block;
        this.last = pass == plan.lastPass;
        List<Integer> roots = roots(plan, pass, sumNodes);
        boolean[] computed = elementClosure(plan, roots);
        int[] lastUse = lastUses(computed, roots);
        int position = 0;
        for (int id : plan.order) {
            if (!computed[id]) {
                continue;
            }
            Node n = plan.nodes.get(id);
            int[] in = new int[3];
            for (int a = 0; a < 3; a++) {
                in[a] = operand(n.args[a < n.args.length ? a : 0]);
            }
            for (int a : n.args) {
                Node arg = plan.nodes.get(a);
                if (isComputed(arg, computed) && lastUse[a] == position && !freeScratch.contains(operandOfNode.get(a))) {
                    freeScratch.push(operandOfNode.get(a));
                }
            }
            int out = freeScratch.isEmpty() ? newArray(new float[block]) : freeScratch.pop();
            operandOfNode.put(id, out);
            computedNodes.add(n);
            instructions.add(new Instruction(Kernels.of(n.op), in[0], in[1], in[2], out));
            position++;
        }
        for (Node s : sumNodes) {
            sums.add(new int[] {s.id, operand(s.args[0]), operand(s.args[1])});
        }
        if (last) {
            outputOperands = new int[plan.outputs.length];
            for (int i = 0; i < plan.outputs.length; i++) {
                int src = operand(plan.outputs[i]);
                if (i > 0 && plan.nodes.get(plan.outputs[i]).form == Form.BUFFER) {
                    int copy = newArray(new float[block]);
                    outputCopies.add(src);
                    outputCopies.add(copy);
                    src = copy;
                }
                outputOperands[i] = src;
            }
        }
    }

    private static boolean isComputed(Node n, boolean[] computed) {
        return computed[n.id];
    }

    /** What pass {@code pass} must compute: the outputs for the last, else the arguments of its sums (added to {@code sums}). */
    private static List<Integer> roots(FusedPlan plan, int pass, List<Node> sums) {
        List<Integer> roots = new ArrayList<>();
        if (pass == plan.lastPass) {
            for (int out : plan.outputs) {
                roots.add(out);
            }
        } else {
            for (int id : plan.order) {
                Node n = plan.nodes.get(id);
                if (n.isSum() && plan.passOf(n) == pass) {
                    sums.add(n);
                    roots.add(n.args[0]);
                    roots.add(n.args[1]);
                }
            }
        }
        return roots;
    }

    /**
     * How many elementwise functions a step applies per element, over all passes, or {@code limit + 1}
     * as soon as it is known to be over {@code limit}. A pass recomputes every elementwise value it needs,
     * also those an earlier pass computed: nothing of the parameter set's size is stored between passes.
     */
    static long functionsPerElement(FusedPlan plan, long limit) {
        long total = 0;
        for (int pass = 0; pass <= plan.lastPass && total <= limit; pass++) {
            boolean[] computed = elementClosure(plan, roots(plan, pass, new ArrayList<>()));
            for (boolean c : computed) {
                total += c ? 1 : 0;
            }
        }
        return Math.min(total, limit + 1);
    }

    /** Elementwise nodes (not input buffers) that the roots need, stopping at once-a-step/tensor values. */
    private static boolean[] elementClosure(FusedPlan plan, List<Integer> roots) {
        boolean[] computed = new boolean[plan.nodes.size()];
        Deque<Integer> stack = new ArrayDeque<>(roots);
        while (!stack.isEmpty()) {
            Node n = plan.nodes.get(stack.pop());
            if (n.rate == Rate.ELEMENT && n.form == Form.APPLY && !computed[n.id]) {
                computed[n.id] = true;
                for (int a : n.args) {
                    stack.push(a);
                }
            }
        }
        return computed;
    }

    /** For each computed node, the position of the last instruction that reads it; roots live to the end. */
    private int[] lastUses(boolean[] computed, List<Integer> roots) {
        int[] lastUse = new int[plan.nodes.size()];
        int position = 0;
        for (int id : plan.order) {
            if (computed[id]) {
                for (int a : plan.nodes.get(id).args) {
                    lastUse[a] = position;
                }
                position++;
            }
        }
        for (int r : roots) {
            lastUse[r] = Integer.MAX_VALUE;
        }
        return lastUse;
    }

    private int operand(int id) {
        Node n = plan.nodes.get(id);
        if (n.form == Form.BUFFER) {
            return operandOfBuffer.computeIfAbsent(n.buffer, b -> {
                int o = newArray(null);
                bufferOperands.add(o);
                bufferOfOperand.add(b);
                return o;
            });
        }
        if (n.rate == Rate.ELEMENT) {
            return operandOfNode.get(id);
        }
        return operandOfBroadcast.computeIfAbsent(id, k -> {
            int o = newArray(new float[block]);
            broadcastOperands.add(o);
            broadcastNodes.add(n);
            return o;
        });
    }

    private int newArray(float[] array) {
        arrays.add(array);
        return arrays.size() - 1;
    }

    float[][] arrays() {
        return arrays.toArray(new float[0][]);
    }

    int[] bufferOperands() {
        return bufferOperands.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] bufferOfOperand() {
        return bufferOfOperand.stream().mapToInt(Integer::intValue).toArray();
    }

    int[] broadcastOperands() {
        return broadcastOperands.stream().mapToInt(Integer::intValue).toArray();
    }

    Node[] broadcastNodes() {
        return broadcastNodes.toArray(new Node[0]);
    }

    Instruction[] instructions() {
        return instructions.toArray(new Instruction[0]);
    }

    /** The elementwise nodes the pass computes, in order. */
    List<Node> computedNodes() {
        return List.copyOf(computedNodes);
    }

    List<Node> sumNodes() {
        return List.copyOf(sumNodes);
    }

    /** The input buffers whose values the pass reads (w = 0, g = 1, slot k = 2 + k). */
    List<Integer> reads() {
        return List.copyOf(bufferOfOperand);
    }

    int[][] sums() {
        return sums.toArray(new int[0][]);
    }

    int[] outputOperands() {
        return outputOperands;
    }

    int[] outputCopies() {
        return outputCopies.stream().mapToInt(Integer::intValue).toArray();
    }
}
