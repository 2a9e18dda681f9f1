package org.optsearch.lang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The program as a graph of values: each statement, input and constant is a node; variable names are
 * gone. Built by {@link Analysis}, read by the executors.
 *
 * @param nodes     in definition order: inputs first, then hyperparameters and constants as used
 * @param bindings  for each statement, the node it defines (-1 when the statement is invalid)
 * @param outputs   the returned nodes: the update, then the new value of each state slot, then the
 *                  readout when the program has one
 */
public record Dataflow(List<Node> nodes, int[] bindings, int[] outputs) {

    public enum Kind { INPUT, CONSTANT, OP }

    /**
     * One value.
     *
     * @param input    for an INPUT: its position in the signature (w=0, g=1, slots, lr), then the step inputs
     * @param constant for a CONSTANT: its value
     * @param array    true when the value is an array over the parameter set, false for a scalar
     * @param inputs   bit i set when the value depends on input position i (within one step)
     */
    public record Node(Kind kind, Op op, int[] args, int input, double constant, boolean array, long inputs) {
        public int arg(int i) {
            return args[i];
        }
    }

    public Dataflow {
        nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int size() {
        return nodes.size();
    }

    public int update() {
        return outputs[0];
    }

    /** The node returned as the new value of state slot {@code slot}. */
    public int slotOutput(int slot) {
        return outputs[slot + 1];
    }

    /** The readout's node, or -1 when the program has none ({@code slots}: the program's slot count). */
    public int readout(int slots) {
        return outputs.length > slots + 1 ? outputs[slots + 1] : -1;
    }

    /** Nodes that the given roots need, as a mask over node ids. */
    public boolean[] reachableFrom(int... roots) {
        boolean[] seen = new boolean[nodes.size()];
        int[] stack = new int[nodes.size()];
        int top = 0;
        for (int r : roots) {
            if (!seen[r]) {
                seen[r] = true;
                stack[top++] = r;
            }
        }
        while (top > 0) {
            Node n = nodes.get(stack[--top]);
            if (n.kind() == Kind.OP) {
                for (int a : n.args()) {
                    if (!seen[a]) {
                        seen[a] = true;
                        stack[top++] = a;
                    }
                }
            }
        }
        return seen;
    }
}
