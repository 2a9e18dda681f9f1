package org.optsearch.lang;

import java.util.Arrays;

/** The structural hash of {@link Analysis}: equal for programs that compute outputs the same way. */
final class DataflowHash {
    private static final long INPUT = 0x9E3779B97F4A7C15L;
    private static final long CONSTANT = 0xC2B2AE3D27D4EB4FL;
    private static final long OPERATION = 0x165667B19E3779F9L;
    private static final long DEAD = 0x27D4EB2F165667C5L;
    private static final long READOUT = 0x85EBCA77C2B2AE63L;

    private final Dataflow graph;
    private final int[] inputId;
    private final long[] memo;
    private final boolean[] done;
    private final boolean[] liveSlots;

    DataflowHash(Dataflow graph, boolean[] liveSlots, int inputCount, java.util.List<StepInput> stepInputs) {
        this.graph = graph;
        this.liveSlots = liveSlots;
        this.memo = new long[graph.size()];
        this.done = new boolean[graph.size()];
        // w = 0, g = 1, lr = 2, then the live slots in order; dead slots are never read by live nodes.
        inputId = new int[inputCount + stepInputs.size()];
        inputId[0] = 0;
        inputId[1] = 1;
        inputId[inputCount - 1] = 2;
        int next = 3;
        for (int s = 0; s < liveSlots.length; s++) {
            inputId[2 + s] = liveSlots[s] ? next++ : -1;
        }
        // Step inputs by name, apart from every position: 'step' never hashes like a slot or a constant.
        for (int k = 0; k < stepInputs.size(); k++) {
            inputId[inputCount + k] = -2 - stepInputs.get(k).ordinal();
        }
    }

    long programHash() {
        // Arguments have smaller ids than their users: filling the memo in id order keeps recursion one deep.
        for (int id = 0; id < graph.size(); id++) {
            node(id);
        }
        long h = mix(OPERATION, node(graph.update()));
        for (int s = 0; s < liveSlots.length; s++) {
            if (liveSlots[s]) {
                h = mix(h, node(graph.slotOutput(s)));
            }
        }
        int readout = graph.readout(liveSlots.length);
        if (readout >= 0) {
            h = mix(mix(h, READOUT), node(readout));
        }
        return finish(h);
    }

    private long node(int id) {
        if (done[id]) {
            return memo[id];
        }
        Dataflow.Node n = graph.node(id);
        long h = switch (n.kind()) {
            case INPUT -> mix(INPUT, inputId[n.input()]);
            case CONSTANT -> mix(CONSTANT, Double.doubleToLongBits(n.constant() == 0 ? 0.0 : n.constant()));
            case OP -> operation(n);
        };
        memo[id] = h;
        done[id] = true;
        return h;
    }

    private long operation(Dataflow.Node n) {
        if (n.op() == Op.COPY) {
            return node(n.arg(0));
        }
        long[] args = new long[n.args().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = node(n.arg(i));
        }
        if (n.op().commutative()) {
            Arrays.sort(args);
        }
        long h = mix(OPERATION, n.op().ordinal());
        for (long a : args) {
            h = mix(h, a);
        }
        return finish(h);
    }

    private static long mix(long h, long v) {
        h ^= v * 0xFF51AFD7ED558CCDL;
        h = Long.rotateLeft(h, 29) * 0xC4CEB9FE1A85EC53L;
        return h + DEAD;
    }

    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
