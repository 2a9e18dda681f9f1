package org.optsearch.peers;

/**
 * One implementation training one workload: each call of {@link #step()} is one training step on the same
 * batch (forward, backward, optimizer update). Not thread-safe.
 */
public interface StepRunner extends AutoCloseable {

    /** Runs one step; returns the loss of its forward pass (the mean over the batch). */
    double stepWithLoss();

    /** Runs one step without reading the loss back; what is timed. */
    void step();

    /** Number of trainable parameters, to show that every implementation built the same network. */
    long parameterCount();

    @Override
    default void close() {
    }
}
