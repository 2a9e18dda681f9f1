package org.optsearch.lang;

import java.util.List;

/**
 * {@code def train(w, g, <state slots...>, lr, <hyperparameters with defaults...>)}.
 *
 * <p>The positional inputs mean, in order: the weights, the gradient, the state slots, the
 * learning-rate value of the schedule. Their names are free; their positions are what counts.
 */
public record Signature(String name, List<String> inputs, List<Hyperparameter> hyperparameters) {

    public Signature {
        inputs = List.copyOf(inputs);
        hyperparameters = List.copyOf(hyperparameters);
        if (inputs.size() < 3) {
            throw new IllegalArgumentException("a signature needs at least w, g and lr, got " + inputs);
        }
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
