package org.optsearch.search;

/**
 * The stages of the funnel: A, the proxy tasks that give the search its fitness; A2, stage A again with a
 * second seed, which a candidate must pass too before it is promoted (noise-aware promotion); B, ~10x
 * larger tasks for candidates promoted from A (and the meta-validation curve); C, ~100x tasks for those
 * that beat the start program on B.
 */
public enum StageName {
    A, A2, B, C
}
