package org.optsearch.peers;

import ai.djl.training.optimizer.Optimizer;

/**
 * A DJL optimizer's {@code update(parameterId, weight, grad)} on one parameter ({@link DjlParameter}), as a
 * Trainer calls it; the optimizer clears the weight's gradient itself.
 */
final class DjlUpdateStep extends DjlParameter {
    private final Optimizer optimizer;

    DjlUpdateStep(Optimizer optimizer, int params, long seed) {
        super(params, seed);
        this.optimizer = optimizer;
    }

    @Override
    public void step() {
        optimizer.update("w", weight, gradient);
    }
}
