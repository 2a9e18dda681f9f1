package org.optsearch.exec;

import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;

/**
 * The scalar inputs of one step: the learning-rate value of the schedule and, for programs that declare
 * them, the step inputs. A step input the caller does not know is 0.
 *
 * @param lr         the value of the learning-rate schedule at this step
 * @param step       the 1-based number of the update being computed, or 0 when unknown
 * @param totalSteps the training's total number of steps, or 0 when unknown
 */
public record StepValues(float lr, long step, long totalSteps) {

    public StepValues {
        if (step < 0 || totalSteps < 0) {
            throw new IllegalArgumentException("step and total steps must be >= 0 (0: unknown), got " + step + " and "
                    + totalSteps);
        }
    }

    /** Only the learning rate: for programs without step inputs. */
    public static StepValues lr(float lr) {
        return new StepValues(lr, 0, 0);
    }

    /** The value of a step input, as the float that programs compute with. */
    public float value(StepInput input) {
        return input == StepInput.STEP ? step : totalSteps;
    }

    /**
     * Checks that every step input the program declares is known.
     *
     * @throws IllegalArgumentException naming the unknown input and how to supply it
     */
    public void requireFor(Program program) {
        for (StepInput in : program.signature().stepInputs()) {
            if ((in == StepInput.STEP ? step : totalSteps) == 0) {
                throw new IllegalArgumentException(missing(in));
            }
        }
    }

    /** The message for a step input the program declares but the caller did not give. */
    public static String missing(StepInput in) {
        return in == StepInput.STEP
                ? "the program reads 'step', but no step number was given; call step(w, g, state, new StepValues(lr, step, totalSteps))"
                : "the program reads 'total_steps', but the training's total number of steps is unknown; "
                        + "set it (optTotalSteps(n) on the optimizer's builder, or train with a fixed step count)";
    }
}
