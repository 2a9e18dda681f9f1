package org.optsearch.exec;

import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * Runs one step of an optimizer program in place, the paper's training loop body:
 * {@code update, state... = train(w, g, state..., lr); w = w - update}.
 *
 * <p>Every buffer has the executor's {@link ParamLayout}. State slots start at zero (the caller
 * allocates them so). A program may produce NaN or infinities; that is reported in the
 * {@link StepReport}, never thrown. An executor is not thread-safe; make one per thread.
 */
public interface Executor {

    /**
     * @param w      the weights, updated in place
     * @param g      the gradient, read only
     * @param state  one buffer per state slot, replaced in place by the new state; for a program with a
     *               readout, one more buffer last, into which the readout (the weights to evaluate) is written
     * @param values the value of the learning-rate schedule at this step, and the step inputs
     * @throws IllegalArgumentException when the program declares a step input that {@code values} leaves at 0
     */
    StepReport step(float[] w, float[] g, float[][] state, StepValues values);

    /** A step of a program without step inputs: only the learning rate. */
    default StepReport step(float[] w, float[] g, float[][] state, float lr) {
        return step(w, g, state, StepValues.lr(lr));
    }

    ParamLayout layout();

    /** Fresh zero state for this executor's program and layout. */
    default float[][] newState() {
        return new float[slotCount()][layout().size()];
    }

    /** State buffers: one per state slot of the program, plus one for its readout when it has one. */
    int slotCount();

    /** The simple, obviously correct interpreter: one statement at a time, one array per value. */
    static Executor reference(Program program, ParamLayout layout) {
        Analysis analysis = Analysis.of(program).requireValid();
        LayoutCheck.require(analysis, layout);
        return new ReferenceInterpreter(analysis.program(), layout);
    }

    /**
     * The fused, vectorized executor: as few passes over memory as the program's reductions allow. For
     * a program of deeply nested reductions, whose passes would recompute too much (over
     * {@code FusedExecutor.MAX_FUNCTIONS_PER_ELEMENT} functions per element; see docs/executors.md), the
     * reference interpreter instead.
     */
    static Executor fused(Program program, ParamLayout layout) {
        return FusedExecutor.forProgram(Analysis.of(program).requireValid(), layout);
    }

    /** {@link #fused(Program, ParamLayout)} of a program already analyzed (no second analysis). */
    static Executor fused(Analysis analysis, ParamLayout layout) {
        return FusedExecutor.forProgram(analysis.requireValid(), layout);
    }
}
