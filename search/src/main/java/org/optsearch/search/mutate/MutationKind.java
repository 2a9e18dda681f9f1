package org.optsearch.search.mutate;

/**
 * The three mutations of the search (docs/method.md, section 3), drawn with the weights of
 * {@link MutationConfig#weights()}.
 */
public enum MutationKind {
    /** Insert a random statement {@code t = f(args)} at a random place. */
    INSERT,
    /** Delete one statement. */
    DELETE,
    /**
     * Change one argument of one statement to another variable or a constant, or change a constant.
     * The {@code constants} mode ({@link Mutator#mutateConstants}) makes only this kind, and only on constants.
     */
    MODIFY
}
