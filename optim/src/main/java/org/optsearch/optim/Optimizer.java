package org.optsearch.optim;

import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepReport;

/**
 * An optimizer with its settings fixed: make one with {@link Optimizers}, then one
 * {@link OptimizerState} per model and call {@link #step} once per training step. An optimizer is
 * immutable and may be shared between threads; a state belongs to one thread at a time.
 *
 * <pre>{@code
 * Optimizer lion = Optimizers.lion().setLearningRate(3e-4).optWeightDecay(1.0).build();
 * OptimizerState state = lion.newState(ParamLayout.single(w.length));
 * lion.step(w, g, state);   // w = w - update, the state's slots and step count advance
 * }</pre>
 */
public interface Optimizer {

    /** A short name: {@code lion}, {@code adamw}, ..., or the program's for {@code fromProgram}. */
    String name();

    Schedule schedule();

    /**
     * What a saved state must match to be loaded into this optimizer: the name and every setting that
     * changes the meaning of the slots (for a program, its canonical text with hyperparameters).
     */
    String identity();

    /** Zero slots and step 0 for parameters with this layout. */
    OptimizerState newState(ParamLayout layout);

    /**
     * One step in place: {@code w = w - update(w, g, state)} with the schedule's factor at
     * {@code state.step()}; then the step count advances. Non-finite values are counted in the report,
     * never thrown.
     *
     * @throws IllegalArgumentException when the buffers do not have the state's layout, or the state
     *                                  was made by a different optimizer
     */
    StepReport step(float[] w, float[] g, OptimizerState state);

    /**
     * The weights to evaluate (validation, inference) after the steps so far: {@code w} itself, except for
     * a program with a readout ({@code return ..., readout=x}: Schedule-Free's x rather than its training
     * point), whose last step's readout is returned, live (do not modify it). Before the first step, {@code w}.
     */
    default float[] evalWeights(float[] w, OptimizerState state) {
        return w;
    }
}
