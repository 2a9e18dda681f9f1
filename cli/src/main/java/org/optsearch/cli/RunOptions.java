package org.optsearch.cli;

import picocli.CommandLine.Option;

/** The options shared by commands that run many trainings: steps and parallel workers. */
final class RunOptions {
    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: each task's).")
    Integer steps;

    @Option(names = "--workers", paramLabel = "W", description = "Parallel trainings (default: the number of cores).")
    Integer workers;

    /** Parallel trainings, checked. */
    int workers() {
        int w = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (w < 1) {
            throw new CliException("--workers must be >= 1, got " + w);
        }
        return w;
    }
}
