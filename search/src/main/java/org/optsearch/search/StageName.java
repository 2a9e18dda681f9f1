package org.optsearch.search;

/**
 * The stages of the funnel: A, the proxy tasks that give the search its fitness; B, ~10x larger tasks for
 * candidates promoted from A (and the meta-validation curve); C, ~100x tasks for those that beat the start
 * program on B.
 */
public enum StageName {
    A, B, C
}
