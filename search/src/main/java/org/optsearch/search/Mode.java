package org.optsearch.search;

/** What the search varies: the paper's evolution and its two baselines (Figure 2), under one budget. */
public enum Mode {
    /** Regularized evolution over programs: insert, delete and modify statements. */
    EVOLVE,
    /** Only the start program's constants mutate: hyperparameter tuning by evolution. */
    CONSTANTS,
    /** Fresh random programs, no selection. */
    RANDOM
}
