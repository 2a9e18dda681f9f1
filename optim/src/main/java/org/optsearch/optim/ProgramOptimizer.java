package org.optsearch.optim;

import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepReport;
import org.optsearch.exec.StepValues;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;

/**
 * An optimizer that is a program of the language, run by the fused executor: every named optimizer
 * of the library except Adafactor, and anything the search found. The schedule's factor is the
 * program's {@code lr} input; its {@code step} input is the state's step count plus one (the update being
 * computed), and {@code total_steps} the count set with {@link #withTotalSteps} or the builder's
 * {@code optTotalSteps}.
 */
public final class ProgramOptimizer implements Optimizer {
    private final String name;
    private final Program program;
    private final Analysis analysis;
    private final Schedule schedule;
    private final long totalSteps;
    private final String identity;

    /**
     * @throws org.optsearch.lang.ProgramException when the program is not valid
     */
    public ProgramOptimizer(String name, Program program, Schedule schedule) {
        this(name, Analysis.of(program), schedule);
    }

    /**
     * An optimizer of a program already analyzed (the search checks each candidate once and passes the
     * analysis on).
     *
     * @throws org.optsearch.lang.ProgramException when the program is not valid
     */
    public ProgramOptimizer(String name, Analysis analysis, Schedule schedule) {
        this(name, analysis, schedule, 0);
    }

    /**
     * An optimizer whose program may read {@code total_steps}.
     *
     * @param totalSteps the training's total number of steps, or 0 when unknown (then a program that
     *                   declares {@code total_steps} is refused)
     * @throws IllegalArgumentException when the program declares {@code total_steps} and it is unknown
     */
    public ProgramOptimizer(String name, Analysis analysis, Schedule schedule, long totalSteps) {
        this.analysis = analysis.requireValid();
        this.name = name;
        this.program = analysis.program();
        this.schedule = schedule;
        if (totalSteps < 0) {
            throw new IllegalArgumentException(name + ": total steps must be > 0 (or 0: unknown), got " + totalSteps);
        }
        if (totalSteps == 0 && program.signature().declares(StepInput.TOTAL_STEPS)) {
            throw new IllegalArgumentException(name + ": " + StepValues.missing(StepInput.TOTAL_STEPS));
        }
        this.totalSteps = totalSteps;
        this.identity = name + "\n" + program.print();
    }

    /** The same optimizer for a training of {@code steps} steps in all (what {@code total_steps} reads). */
    public ProgramOptimizer withTotalSteps(long steps) {
        return new ProgramOptimizer(name, analysis, schedule, steps);
    }

    /** The training's total number of steps as the program sees it, or 0 when unknown. */
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public String name() {
        return name;
    }

    /** The program with this optimizer's hyperparameter values as its defaults. */
    public Program program() {
        return program;
    }

    @Override
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public OptimizerState newState(ParamLayout layout) {
        Executor executor = Executor.fused(analysis, layout);
        OptimizerState state = new OptimizerState(identity, layout, executor.newState(), 0);
        state.work = executor;
        return state;
    }

    @Override
    public StepReport step(float[] w, float[] g, OptimizerState state) {
        state.check(this, w, g);
        if (!(state.work instanceof Executor)) {
            state.work = Executor.fused(analysis, state.layout()); // a loaded state
        }
        Executor executor = (Executor) state.work;
        StepValues values = new StepValues((float) schedule.at(state.step()), state.step() + 1, totalSteps);
        StepReport report = executor.step(w, g, state.slots(), values);
        state.advance();
        return report;
    }

    @Override
    public float[] evalWeights(float[] w, OptimizerState state) {
        state.check(this, w, w);
        if (!program.hasReadout() || state.step() == 0) {
            return w;
        }
        float[][] buffers = state.slots();
        return buffers[buffers.length - 1];
    }

    @Override
    public String toString() {
        return name + " " + program.hyperparameters();
    }
}
