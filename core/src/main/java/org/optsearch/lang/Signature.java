package org.optsearch.lang;

import java.util.List;

/**
 * {@code def train(w, g, <state slots...>, lr, [step,] [total_steps,] <hyperparameters with defaults...>)}.
 *
 * <p>The positional inputs mean, in order: the weights, the gradient, the state slots, the
 * learning-rate value of the schedule. Their names are free; their positions are what counts. The
 * {@link StepInput step inputs} that may follow {@code lr} are not among {@link #inputs()}: they have
 * fixed names and are kept apart, in their fixed order.
 */
public record Signature(String name, List<String> inputs, List<StepInput> stepInputs,
                        List<Hyperparameter> hyperparameters) {

    public Signature {
        inputs = List.copyOf(inputs);
        stepInputs = List.copyOf(stepInputs);
        hyperparameters = List.copyOf(hyperparameters);
        if (inputs.size() < 3) {
            throw new IllegalArgumentException("a signature needs at least w, g and lr, got " + inputs);
        }
        for (int i = 1; i < stepInputs.size(); i++) {
            if (stepInputs.get(i).ordinal() <= stepInputs.get(i - 1).ordinal()) {
                throw new IllegalArgumentException("step inputs must be distinct and in the order step, total_steps, got "
                        + stepInputs);
            }
        }
    }

    /** A signature without step inputs. */
    public Signature(String name, List<String> inputs, List<Hyperparameter> hyperparameters) {
        this(name, inputs, List.of(), hyperparameters);
    }

    /** The same signature with other hyperparameters. */
    public Signature withHyperparameters(List<Hyperparameter> newHyperparameters) {
        return new Signature(name, inputs, stepInputs, newHyperparameters);
    }

    /** Whether the def line declares this step input. */
    public boolean declares(StepInput input) {
        return stepInputs.contains(input);
    }

    public static Signature of(String... inputs) {
        return new Signature("train", List.of(inputs), List.of());
    }

    public String weight() {
        return inputs.get(0);
    }

    public String gradient() {
        return inputs.get(1);
    }

    public String learningRate() {
        return inputs.get(inputs.size() - 1);
    }

    /** Names of the state slots, in order. */
    public List<String> slots() {
        return inputs.subList(2, inputs.size() - 1);
    }

    public int slotCount() {
        return inputs.size() - 3;
    }
}
