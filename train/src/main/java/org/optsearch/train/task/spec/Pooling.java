package org.optsearch.train.task.spec;

/** How a vision transformer turns its patch tokens into one vector; {@code model.pool}. */
public enum Pooling {
    /** A learned class token is prepended and its final state is classified. */
    CLS,
    /** The final states of the patch tokens are averaged. */
    MEAN
}
