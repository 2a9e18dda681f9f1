package org.optsearch.exec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.incubator.vector.VectorSpecies;
import org.optsearch.exec.FusedPlan.Form;
import org.optsearch.exec.FusedPlan.Node;
import org.optsearch.lang.Op;

/**
 * Compiles one pass of the fused executor into a single vector loop: a hidden class whose static
 * method {@code run(float[][] buffers, float[] scalars, double[] sums, int from, int to)} loads each
 * input buffer once per vector, applies every function of the pass in registers (one
 * {@code invokestatic} of a {@link VectorOps} method each, which the JIT inlines), accumulates the
 * pass's sums, stores the new weights and state, and returns a value that is NaN when anything stored
 * was not finite. {@code to - from} must be a multiple of {@link #lanes()}.
 *
 * <p>Generated from the program, not written per optimizer. Every valid program compiles except one
 * whose pass would be longer than {@link #MAX_CODE_BYTES}: that pass runs on the block interpreter.
 */
final class LoopCompiler {
    static final MethodType RUN = MethodType.methodType(float.class, float[][].class, float[].class, double[].class,
            int.class, int.class);
    private static final String VECTOR = "jdk/incubator/vector/FloatVector";
    private static final String VECTOR_D = "L" + VECTOR + ";";
    private static final String SPECIES_D = "Ljdk/incubator/vector/VectorSpecies;";
    private static final String OPS = VectorOps.class.getName().replace('.', '/');

    /**
     * The longest loop method generated, in bytes of bytecode. HotSpot never JIT-compiles a method
     * longer than 8,000 bytes ({@code -XX:+DontCompileHugeMethods}, on by default), and run by the
     * bytecode interpreter such a loop is far slower than the block interpreter. About 500
     * two-argument functions fit in one pass; a class file could not hold many more anyway (64 KiB
     * of code per method, 16-bit jump offsets, 65,535 locals).
     */
    static final int MAX_CODE_BYTES = 8_000;

    private static final int BUFFERS = 0;
    private static final int SCALARS = 1;
    private static final int SUMS = 2;
    private static final int FROM = 3;
    private static final int TO = 4;
    private static final int INDEX = 5;
    private static final int CHECK = 6;

    private final ClassBytes cls = new ClassBytes();
    private final FusedPlan plan;
    private final VectorSpecies<Float> vectorSpecies;
    private final int species;
    private int nextLocal = 7;
    private final Map<Integer, Integer> arrayLocal = new HashMap<>();
    private final Map<Integer, Integer> valueLocal = new HashMap<>();

    private LoopCompiler(FusedPlan plan, VectorSpecies<Float> vectorSpecies) {
        this.plan = plan;
        this.vectorSpecies = vectorSpecies;
        this.species = cls.fieldRef(VECTOR, "SPECIES_" + vectorSpecies.vectorBitSize(), SPECIES_D);
    }

    /** A compiled pass: the loop and its width. */
    record Compiled(MethodHandle run, int lanes) {
    }

    /**
     * The compiled pass, or null when its loop would be longer than {@link #MAX_CODE_BYTES}; the caller
     * then runs the pass on the block interpreter.
     *
     * @param computed   elementwise nodes of the pass, in order
     * @param broadcasts nodes whose value the caller puts in {@code scalars}, by index
     * @param reads      input buffer ids (w = 0, g = 1, slot k = 2 + k) whose values the pass reads
     * @param sums       sum nodes of the pass; their totals are added to {@code sums}, by index
     * @param outputs    for the last pass, the update then each slot's new value; else null
     */
    static Compiled compile(FusedPlan plan, List<Node> computed, List<Node> broadcasts, List<Integer> reads,
            List<Node> sums, int[] outputs) {
        VectorSpecies<Float> species = VectorOps.SPECIES;
        LoopCompiler c = new LoopCompiler(plan, species);
        byte[] bytes = c.generate(computed, broadcasts, reads, sums, outputs);
        if (bytes == null) {
            return null;
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return new Compiled(hidden.findStatic(hidden.lookupClass(), "run", RUN), species.length());
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalStateException("the compiled loop cannot be loaded", e);
        }
    }

    /** The class file, or null when the method would be longer than {@link #MAX_CODE_BYTES}. */
    private byte[] generate(List<Node> computed, List<Node> broadcasts, List<Integer> reads, List<Node> sums,
            int[] outputs) {
        List<Integer> buffers = new ArrayList<>(reads);
        if (outputs != null) {
            if (!reads.contains(0)) {
                reads = new ArrayList<>(reads);
                reads.add(0); // the new weights are w - update
                buffers.add(0);
            }
            for (int s = 1; s < outputs.length; s++) {
                if (!buffers.contains(1 + s)) {
                    buffers.add(1 + s);
                }
            }
        }
        int fromArray = cls.methodRef(VECTOR, "fromArray", "(" + SPECIES_D + "[FI)" + VECTOR_D);
        int broadcast = cls.methodRef(VECTOR, "broadcast", "(" + SPECIES_D + "F)" + VECTOR_D);
        int zero = cls.methodRef(VECTOR, "zero", "(" + SPECIES_D + ")" + VECTOR_D);
        int intoArray = cls.methodRef(VECTOR, "intoArray", "([FI)V");
        String sumD = "Ljdk/incubator/vector/DoubleVector;";
        int accumulate = cls.methodRef(OPS, "accumulate", "(" + sumD + VECTOR_D + VECTOR_D + ")" + sumD);
        int zeroSum = cls.methodRef(OPS, "zeroSum", "()" + sumD);
        int sumSumLanes = cls.methodRef(OPS, "sumLanes", "(" + sumD + ")D");
        int checkFinite = opsMethod("checkFinite", 2);
        int sumLanes = cls.methodRef(OPS, "sumLanes", "(" + VECTOR_D + ")D");

        // Before the loop: the buffers' arrays, the broadcast values, zeroed accumulators.
        for (int b : buffers) {
            cls.aload(BUFFERS);
            cls.pushInt(b);
            cls.op(0x32); // aaload
            arrayLocal.put(b, newLocal());
            cls.astore(arrayLocal.get(b));
        }
        for (int k = 0; k < broadcasts.size(); k++) {
            cls.getstatic(species);
            cls.aload(SCALARS);
            cls.pushInt(k);
            cls.op(0x30); // faload
            cls.invokestatic(broadcast);
            valueLocal.put(broadcasts.get(k).id, newLocal());
            cls.astore(valueLocal.get(broadcasts.get(k).id));
        }
        int[] accumulators = new int[sums.size()];
        for (int k = 0; k < sums.size(); k++) {
            cls.invokestatic(zeroSum);
            accumulators[k] = newLocal();
            cls.astore(accumulators[k]);
        }
        cls.getstatic(species);
        cls.invokestatic(zero);
        cls.astore(CHECK);
        cls.iload(FROM);
        cls.istore(INDEX);

        // The loop: load, compute, accumulate, store.
        int loop = cls.position();
        cls.iload(INDEX);
        cls.iload(TO);
        int exit = cls.branch(0xA2); // if_icmpge
        Map<Integer, Integer> bufferValue = new HashMap<>();
        for (int b : reads) {
            cls.getstatic(species);
            cls.aload(arrayLocal.get(b));
            cls.iload(INDEX);
            cls.invokestatic(fromArray);
            bufferValue.put(b, newLocal());
            cls.astore(bufferValue.get(b));
        }
        for (Node n : computed) {
            for (int a : n.args) {
                cls.aload(local(a, bufferValue));
            }
            cls.invokestatic(opsMethod(VectorOps.methodName(n.op), n.args.length));
            valueLocal.put(n.id, newLocal());
            cls.astore(valueLocal.get(n.id));
            if (cls.position() > MAX_CODE_BYTES) {
                return null; // checked as it grows, so a 100,000-function pass costs no more than this
            }
        }
        for (int k = 0; k < sums.size(); k++) {
            cls.aload(accumulators[k]);
            cls.aload(local(sums.get(k).args[0], bufferValue));
            cls.aload(local(sums.get(k).args[1], bufferValue));
            cls.invokestatic(accumulate);
            cls.astore(accumulators[k]);
        }
        if (outputs != null) {
            // w - update, then each slot's new value; every load of this vector happened above.
            cls.aload(bufferValue.get(0));
            cls.aload(local(outputs[0], bufferValue));
            cls.invokestatic(opsMethod(VectorOps.methodName(Op.SUB), 2));
            int newW = newLocal();
            cls.astore(newW);
            store(newW, arrayLocal.get(0), intoArray, checkFinite);
            for (int s = 1; s < outputs.length; s++) {
                store(local(outputs[s], bufferValue), arrayLocal.get(1 + s), intoArray, checkFinite);
            }
        }
        cls.iinc(INDEX, vectorSpecies.length());
        cls.jump(0xA7, loop); // goto
        cls.patch(exit, cls.position());

        // After the loop: add the sums, return the finiteness check.
        for (int k = 0; k < sums.size(); k++) {
            cls.aload(SUMS);
            cls.pushInt(k);
            cls.op(0x5C); // dup2
            cls.op(0x31); // daload
            cls.aload(accumulators[k]);
            cls.invokestatic(sumSumLanes);
            cls.op(0x63); // dadd
            cls.op(0x52); // dastore
        }
        cls.aload(CHECK);
        cls.invokestatic(sumLanes);
        cls.op(0x90); // d2f
        cls.op(0xAE); // freturn
        if (cls.position() > MAX_CODE_BYTES) {
            return null;
        }
        String name = FusedExecutor.class.getPackageName().replace('.', '/') + "/CompiledPass";
        return cls.toClassFile(name, "run", RUN.toMethodDescriptorString(), 8, nextLocal);
    }

    private void store(int value, int array, int intoArray, int checkFinite) {
        cls.aload(value);
        cls.aload(array);
        cls.iload(INDEX);
        cls.invokevirtual(intoArray);
        cls.aload(CHECK);
        cls.aload(value);
        cls.invokestatic(checkFinite);
        cls.astore(CHECK);
    }

    /** The local that holds node {@code id}'s vector in this iteration. */
    private int local(int id, Map<Integer, Integer> bufferValue) {
        Node n = plan.nodes.get(id);
        if (n.form == Form.BUFFER) {
            return bufferValue.get(n.buffer);
        }
        Integer local = valueLocal.get(id);
        if (local == null) {
            throw new IllegalStateException("node " + id + " is used before it is computed");
        }
        return local;
    }

    private int opsMethod(String name, int arity) {
        return cls.methodRef(OPS, name, "(" + VECTOR_D.repeat(arity) + ")" + VECTOR_D);
    }

    private int newLocal() {
        return nextLocal++;
    }
}
