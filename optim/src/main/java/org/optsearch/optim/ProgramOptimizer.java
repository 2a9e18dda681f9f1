package org.optsearch.optim;

import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepReport;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * An optimizer that is a program of the language, run by the fused executor: every named optimizer
 * of the library except Adafactor, and anything the search found. The schedule's factor is the
 * program's {@code lr} input.
 */
public final class ProgramOptimizer implements Optimizer {
    private final String name;
    private final Program program;
    private final Analysis analysis;
    private final Schedule schedule;
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
        this.analysis = analysis.requireValid();
        this.name = name;
        this.program = analysis.program();
        this.schedule = schedule;
        this.identity = name + "\n" + program.print();
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
        StepReport report = executor.step(w, g, state.slots(), (float) schedule.at(state.step()));
        state.advance();
        return report;
    }

    @Override
    public String toString() {
        return name + " " + program.hyperparameters();
    }
}
