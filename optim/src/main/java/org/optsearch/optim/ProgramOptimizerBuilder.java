package org.optsearch.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;

/**
 * Builds a {@link ProgramOptimizer}: required settings are named {@code set*}, optional ones
 * {@code opt*}; every value is checked when it is set, with the optimizer's name, the setting and the
 * value in the message. Subclasses add the named settings of one optimizer.
 *
 * <p>The learning rate is the program's {@code lr_scale} hyperparameter: the schedule's factor (peak
 * 1.0) multiplies it at each step.
 *
 * @param <B> the concrete builder, so that chained calls keep their type
 */
public class ProgramOptimizerBuilder<B extends ProgramOptimizerBuilder<B>> {
    /** The hyperparameter that holds the learning rate in every library program. */
    public static final String LEARNING_RATE = "lr_scale";

    private final String name;
    private final Program program;
    private final boolean learningRateRequired;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private Schedule schedule = Schedule.constant();
    private long totalSteps;

    /**
     * @param learningRateRequired whether {@link #build} refuses to run without
     *                             {@link #setLearningRate} (named optimizers: there is no good default)
     */
    protected ProgramOptimizerBuilder(String name, Program program, boolean learningRateRequired) {
        this.name = name;
        this.program = program;
        this.learningRateRequired = learningRateRequired;
    }

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    protected final String name() {
        return name;
    }

    /** The learning rate (the program's {@code lr_scale}); finite and > 0. */
    public B setLearningRate(double learningRate) {
        if (!program.hyperparameters().containsKey(LEARNING_RATE)) {
            throw new IllegalArgumentException(name + ": this program declares no '" + LEARNING_RATE
                    + "' hyperparameter, so its learning rate is built into its text; scale it with optSchedule");
        }
        return put(LEARNING_RATE, positive("learning rate", learningRate));
    }

    /** The learning-rate schedule (default: constant 1.0). */
    public B optSchedule(Schedule newSchedule) {
        if (newSchedule == null) {
            throw new IllegalArgumentException(name + ": the schedule must not be null");
        }
        this.schedule = newSchedule;
        return self();
    }

    /**
     * The training's total number of steps, &gt; 0: what a program's {@code total_steps} input reads. A
     * program that declares {@code total_steps} is refused by {@link #build} without it.
     */
    public B optTotalSteps(long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException(name + ": total steps must be > 0, got " + steps);
        }
        this.totalSteps = steps;
        return self();
    }

    /** Any hyperparameter the program declares, by name; finite. */
    public B optHyperparameter(String hyperparameter, double value) {
        if (!program.hyperparameters().containsKey(hyperparameter)) {
            throw new IllegalArgumentException(name + ": unknown hyperparameter '" + hyperparameter
                    + "'; the program declares " + program.hyperparameters().keySet());
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": " + hyperparameter + " must be finite, got " + value);
        }
        return put(hyperparameter, value);
    }

    public Optimizer build() {
        if (learningRateRequired && !values.containsKey(LEARNING_RATE)) {
            throw new IllegalStateException(name + ": setLearningRate(...) is required");
        }
        Program run = programToRun().withHyperparameters(values);
        if (totalSteps == 0 && run.signature().declares(StepInput.TOTAL_STEPS)) {
            throw new IllegalStateException(name + ": the program reads 'total_steps'; set the training's length with "
                    + "optTotalSteps(n)");
        }
        return new ProgramOptimizer(name, Analysis.of(run), schedule, totalSteps);
    }

    /** The program {@link #build} runs; a builder that chooses between programs overrides it. */
    protected Program programToRun() {
        return program;
    }

    protected final B put(String hyperparameter, double value) {
        values.put(hyperparameter, value);
        return self();
    }

    protected final double positive(String setting, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": " + setting + " must be finite and > 0, got " + value);
        }
        return value;
    }

    protected final double nonNegative(String setting, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + ": " + setting + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** A decay rate or momentum: in [0, 1). */
    protected final double fraction(String setting, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + ": " + setting + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** A builder for any program, with no named settings of its own. */
    public static final class Any extends ProgramOptimizerBuilder<Any> {
        Any(String name, Program program) {
            super(name, program, false);
        }
    }
}
