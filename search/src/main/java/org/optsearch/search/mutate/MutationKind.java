package org.optsearch.search.mutate;

/**
 * The mutations of the search (docs/method.md, section 3), drawn with the weights of
 * {@link MutationConfig#weights()}: the paper's three, and {@link #TUNE}, the constants mode's one move.
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
    MODIFY,
    /**
     * Change one constant by the paper's rule (redrawn from N(0, 1) or multiplied by 2^a, a ~ N(0, 1)), the
     * structure kept: the only move of the {@code constants} mode, and a kind of its own in evolution (weight 0
     * unless given), so that a search can spend a chosen share of its children on the constants.
     */
    TUNE
}
