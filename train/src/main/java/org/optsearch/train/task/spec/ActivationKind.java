package org.optsearch.train.task.spec;

/** The nonlinearity between an MLP's layers; {@code model.activation} in a task file. */
public enum ActivationKind {
    RELU,
    GELU,
    TANH
}
