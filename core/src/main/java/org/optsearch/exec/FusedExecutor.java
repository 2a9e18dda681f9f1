package org.optsearch.exec;

import java.util.Arrays;
import java.util.List;
import org.optsearch.exec.FusedPlan.Form;
import org.optsearch.exec.FusedPlan.Node;
import org.optsearch.exec.FusedPlan.Rate;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;

/**
 * Runs any valid program in as few passes over memory as its reductions allow, vectorized, updating
 * the weights and state in place.
 *
 * <p>Each pass walks the parameter set tensor by tensor in blocks of {@link #BLOCK} floats. Within a
 * block, each elementwise function runs as one vector loop from and into small scratch buffers that
 * stay in the L1 cache; the big buffers (w, g, state) are read once and written once per pass, and no
 * intermediate value of the size of the parameter set is ever stored. Values that change once a step
 * or once a tensor (the learning rate, constants, reductions and what is computed from them) are
 * computed once and broadcast.
 */
final class FusedExecutor implements Executor {
    /** Floats per block: 16 scratch buffers of this size fit in a 64 KiB L1 cache. */
    static final int BLOCK = 256;
    /** Elements per call of a compiled loop that accumulates sums: float lanes within, double across. */
    static final int CHUNK = 4096;
    /** Elements per call of a compiled loop without sums: long enough to stream, short enough to be called often. */
    static final int STREAM_CHUNK = Integer.getInteger("optsearch.chunk", 1 << 16);
    /** {@code -Doptsearch.fused.compile=false} turns off the compiled loops (the block interpreter does all). */
    static final boolean COMPILE = !"false".equals(System.getProperty("optsearch.fused.compile"));
    /**
     * Parameter sets smaller than this many floats run on the block interpreter: a compiled loop is a new
     * class for the JIT to compile, which costs more than it saves on small models (measured: a search
     * over 5k-parameter models evaluated 5x more candidates per second without compiling).
     */
    static final int COMPILE_THRESHOLD = Integer.getInteger("optsearch.fused.compileThreshold", 1 << 18);

    private final FusedPlan plan;
    private final Program program;
    private final ParamLayout layout;
    private final int slots;
    private final Pass[] passes;
    /** Per node: its value, when it changes once a step. */
    private final float[] stepValue;
    /** Per node and tensor: its value, when it changes once a tensor. */
    private final float[][] tensorValue;
    /** Per sum node: the global sum, or one sum per tensor. */
    private final double[][] sums;
    private final float[][] buffersOfStep;
    private double finiteCheck;

    /**
     * The most elementwise functions a step may apply per element, over all its passes
     * ({@link PassBuilder#functionsPerElement}). A later pass recomputes the elementwise values it needs,
     * so a chain of k nested reductions costs about k^2 / 2: {@code n = global_norm(x); x = x / n}
     * written 1,000 times is 500,000, and its buffers would not fit in memory much beyond. A plain
     * chain of 100,000 statements (the most the parser reads) is 100,000.
     */
    static final long MAX_FUNCTIONS_PER_ELEMENT = 250_000;

    FusedExecutor(Analysis analysis, ParamLayout layout) {
        this(analysis, layout, COMPILE && layout.size() >= COMPILE_THRESHOLD);
    }

    /** @param compile false to run everything through the block interpreter (for tests and comparison) */
    FusedExecutor(Analysis analysis, ParamLayout layout, boolean compile) {
        this(plan(analysis), analysis, layout, compile);
    }

    /**
     * The fused executor for a valid program, or the reference interpreter when the fused plan would
     * apply more than {@link #MAX_FUNCTIONS_PER_ELEMENT} functions per element (deeply nested reductions):
     * the reference computes each value once and keeps it; also for a program that calls
     * {@code orthogonalize}, whose matrix products need each whole tensor at once and dominate its step.
     */
    static Executor forProgram(Analysis analysis, ParamLayout layout) {
        LayoutCheck.require(analysis, layout);
        if (!FusedPlan.lowers(analysis.dataflow())) {
            return new ReferenceInterpreter(analysis.program(), layout);
        }
        FusedPlan plan = plan(analysis);
        if (PassBuilder.functionsPerElement(plan, MAX_FUNCTIONS_PER_ELEMENT) > MAX_FUNCTIONS_PER_ELEMENT) {
            return new ReferenceInterpreter(analysis.program(), layout);
        }
        return new FusedExecutor(plan, analysis, layout, COMPILE && layout.size() >= COMPILE_THRESHOLD);
    }

    private static FusedPlan plan(Analysis analysis) {
        return new FusedPlan(analysis.dataflow(), analysis.program().signature());
    }

    private FusedExecutor(FusedPlan plan, Analysis analysis, ParamLayout layout, boolean compile) {
        this.plan = plan;
        this.program = analysis.program();
        this.layout = layout;
        this.slots = analysis.program().slotCount() + (analysis.program().hasReadout() ? 1 : 0);
        int n = plan.nodes.size();
        int tensors = layout.segments().size();
        stepValue = new float[n];
        tensorValue = new float[n][];
        sums = new double[n][];
        for (Node node : plan.nodes) {
            if (node.rate == Rate.TENSOR) {
                tensorValue[node.id] = new float[tensors];
            }
            if (node.form == Form.SUM_GLOBAL) {
                sums[node.id] = new double[1];
            } else if (node.form == Form.SUM_TENSOR) {
                sums[node.id] = new double[tensors];
            }
        }
        buffersOfStep = new float[2 + slots][];
        passes = new Pass[plan.lastPass + 1];
        for (int p = 0; p <= plan.lastPass; p++) {
            passes[p] = new Pass(p, compile);
        }
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public int slotCount() {
        return slots;
    }

    @Override
    public StepReport step(float[] w, float[] g, float[][] state, StepValues lr) {
        Checks.buffers(layout, slots, w, g, state);
        lr.requireFor(program);
        buffersOfStep[0] = w;
        buffersOfStep[1] = g;
        System.arraycopy(state, 0, buffersOfStep, 2, slots);
        for (double[] s : sums) {
            if (s != null) {
                Arrays.fill(s, 0);
            }
        }
        finiteCheck = 0;
        for (Pass pass : passes) {
            computeScalars(pass.index, lr);
            pass.run(w, state);
        }
        if (Double.isNaN(finiteCheck)) {
            return new StepReport(countNonFinite(w, state));
        }
        return StepReport.CLEAN;
    }

    private static long countNonFinite(float[] w, float[][] state) {
        long count = 0;
        for (float v : w) {
            count += Float.isFinite(v) ? 0 : 1;
        }
        for (float[] s : state) {
            for (float v : s) {
                count += Float.isFinite(v) ? 0 : 1;
            }
        }
        return count;
    }

    /** Values that change once a step or once a tensor and become known at this pass. */
    private void computeScalars(int pass, StepValues lr) {
        int tensors = layout.segments().size();
        for (int id : plan.order) {
            Node node = plan.nodes.get(id);
            if (node.level != pass || node.isSum() || node.rate == Rate.ELEMENT) {
                continue;
            }
            if (node.rate == Rate.STEP) {
                stepValue[id] = scalar(node, -1, lr);
            } else {
                for (int t = 0; t < tensors; t++) {
                    tensorValue[id][t] = scalar(node, t, lr);
                }
            }
        }
    }

    /** The value of a once-a-step ({@code tensor < 0}) or once-a-tensor node. */
    private float scalar(Node node, int tensor, StepValues lr) {
        return switch (node.form) {
            case LEARNING_RATE -> lr.lr();
            case STEP_INPUT -> lr.value(StepInput.values()[node.buffer]);
            case SHAPE -> (float) Semantics.shapeFactor(layout.segments().get(tensor));
            case CONSTANT -> (float) node.constant;
            case APPLY -> Semantics.apply(node.op, arg(node, 0, tensor), arg(node, 1, tensor), arg(node, 2, tensor));
            case SCALAR_REDUCE -> ScalarReductions.apply(node.op, arg(node, 0, tensor), arg(node, 1, tensor));
            case FINISH -> finish(node, tensor);
            case BUFFER, SUM_GLOBAL, SUM_TENSOR -> throw new IllegalStateException("not a scalar: " + node.form);
        };
    }

    private float arg(Node node, int index, int tensor) {
        if (index >= node.args.length) {
            return 0;
        }
        return valueOf(plan.nodes.get(node.args[index]), tensor);
    }

    private float valueOf(Node node, int tensor) {
        return node.rate == Rate.TENSOR ? tensorValue[node.id][tensor] : stepValue[node.id];
    }

    private double sumOf(int id, int tensor) {
        Node sum = plan.nodes.get(id);
        return sum.form == Form.SUM_TENSOR ? sums[id][tensor] : sums[id][0];
    }

    private float finish(Node node, int tensor) {
        double s0 = sumOf(node.args[0], tensor);
        return switch (node.finisher) {
            case SQRT -> (float) Math.sqrt(s0);
            case IDENTITY -> (float) s0;
            case COSINE -> (float) Semantics.cosine(s0, Math.sqrt(sumOf(node.args[1], tensor)),
                    Math.sqrt(sumOf(node.args[2], tensor)));
            case CLIP_FACTOR -> (float) Semantics.clipFactor(Math.sqrt(s0), valueOf(plan.nodes.get(node.args[1]), tensor));
            case RMS -> (float) Math.sqrt(s0 / layout.segments().get(tensor).length());
            case MEAN -> (float) (s0 / layout.segments().get(tensor).length());
        };
    }

    /** One pass over memory: its elementwise instructions, the sums it accumulates, and for the last, the writes. */
    private final class Pass {
        final int index;
        final boolean last;
        /** Operand table: for buffers, the array is swapped in each step and the offset moves with the block. */
        final float[][] arrays;
        final int[] offsets;
        final int[] bufferOperands;
        final int[] bufferOfOperand;
        /** Broadcast operands: operand index and the node whose value fills it. */
        final int[] broadcastOperands;
        final Node[] broadcastNodes;
        final Instruction[] instructions;
        final int[][] sumsHere;
        final int[] outputOperands;
        final int[] outputCopies;
        /**
         * The compiled loop for whole vectors, or null: then the block interpreter does everything (small
         * models, compilation off, or a pass too long to compile: {@link LoopCompiler#MAX_CODE_BYTES}).
         */
        final LoopCompiler.Compiled compiled;
        final float[] scalars;
        final double[] chunkSums;

        Pass(int index, boolean compile) {
            this.index = index;
            this.last = index == plan.lastPass;
            PassBuilder b = new PassBuilder(plan, index, BLOCK);
            arrays = b.arrays();
            offsets = new int[arrays.length];
            bufferOperands = b.bufferOperands();
            bufferOfOperand = b.bufferOfOperand();
            broadcastOperands = b.broadcastOperands();
            broadcastNodes = b.broadcastNodes();
            instructions = b.instructions();
            sumsHere = b.sums();
            outputOperands = b.outputOperands();
            outputCopies = b.outputCopies();
            scalars = new float[broadcastNodes.length];
            chunkSums = new double[sumsHere.length];
            compiled = compile ? LoopCompiler.compile(plan, b.computedNodes(), List.of(broadcastNodes), b.reads(),
                    b.sumNodes(), last ? plan.outputs : null) : null;
        }

        void run(float[] w, float[][] state) {
            for (int i = 0; i < bufferOperands.length; i++) {
                arrays[bufferOperands[i]] = buffersOfStep[bufferOfOperand[i]];
            }
            List<ParamLayout.Segment> segments = layout.segments();
            for (int t = 0; t < segments.size(); t++) {
                ParamLayout.Segment seg = segments.get(t);
                fillBroadcasts(t, Math.min(BLOCK, seg.length()));
                int tail = compiled == null ? seg.offset() : runCompiled(seg, t);
                for (int start = tail; start < seg.end(); start += BLOCK) {
                    int len = Math.min(BLOCK, seg.end() - start);
                    for (int o : bufferOperands) {
                        offsets[o] = start;
                    }
                    for (Instruction ins : instructions) {
                        ins.run(arrays, offsets, len);
                    }
                    for (int[] s : sumsHere) {
                        double block = Kernels.dot(arrays[s[1]], offsets[s[1]], arrays[s[2]], offsets[s[2]], len);
                        sums[s[0]][plan.nodes.get(s[0]).form == Form.SUM_TENSOR ? t : 0] += block;
                    }
                    if (last) {
                        write(w, state, start, len);
                    }
                }
            }
        }

        private void fillBroadcasts(int tensor, int len) {
            for (int i = 0; i < broadcastOperands.length; i++) {
                scalars[i] = valueOf(broadcastNodes[i], tensor);
                Arrays.fill(arrays[broadcastOperands[i]], 0, len, scalars[i]);
            }
        }

        /** Runs the compiled loop over the whole vectors of a tensor; returns where the tail starts. */
        private int runCompiled(ParamLayout.Segment seg, int tensor) {
            int end = seg.offset() + seg.length() / compiled.lanes() * compiled.lanes();
            int step = sumsHere.length == 0 ? STREAM_CHUNK : CHUNK;
            for (int from = seg.offset(); from < end; from += Math.min(step, end - from)) {
                int to = from + Math.min(step, end - from);
                try {
                    finiteCheck += (float) compiled.run().invokeExact(buffersOfStep, scalars, chunkSums, from, to);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
                for (int k = 0; k < sumsHere.length; k++) {
                    int id = sumsHere[k][0];
                    sums[id][plan.nodes.get(id).form == Form.SUM_TENSOR ? tensor : 0] += chunkSums[k];
                    chunkSums[k] = 0;
                }
            }
            return end;
        }

        private void write(float[] w, float[][] state, int start, int len) {
            // Slot values read straight from an input buffer are copied aside first: writes must not
            // clobber an input that another output still reads ('return update, v, m').
            for (int i = 0; i + 1 < outputCopies.length; i += 2) {
                Kernels.copy(arrays[outputCopies[i]], offsets[outputCopies[i]], arrays[outputCopies[i + 1]], 0, len);
            }
            int u = outputOperands[0];
            finiteCheck += Kernels.subtractInto(w, start, arrays[u], offsets[u], len);
            for (int s = 0; s < slots; s++) {
                int o = outputOperands[s + 1];
                finiteCheck += Kernels.copyChecked(arrays[o], offsets[o], state[s], start, len);
            }
        }
    }

    /** How many passes run a compiled loop (the others run on the block interpreter only). */
    int compiledPassCount() {
        return (int) Arrays.stream(passes).filter(p -> p.compiled != null).count();
    }

    /** How many passes over memory a step makes: one more than the longest chain of reductions. */
    int passCount() {
        return passes.length;
    }
}
