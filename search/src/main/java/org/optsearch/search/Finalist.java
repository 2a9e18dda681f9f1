package org.optsearch.search;

import java.util.List;
import org.optsearch.lang.Program;
import org.optsearch.train.run.TrainResult;

/**
 * A program of a search's final summary with its fitness on each stage (NaN where a stage is not
 * configured or has no reference, {@link TrainResult#FAILED} where it failed) and its trainings on
 * stages B and C (their learning curves go into the report).
 *
 * @param notes why a stage is marked failed or not scored, one line each, for people; empty when all went
 *              well (a run store does not keep them: it keeps the fitness and each training's divergence)
 */
public record Finalist(String name, Program program, double fitnessA, double fitnessB, double fitnessC,
        List<TrainResult> trainedB, List<TrainResult> trainedC, List<String> notes) {
    public Finalist {
        trainedB = List.copyOf(trainedB);
        trainedC = List.copyOf(trainedC);
        notes = List.copyOf(notes);
    }

    /** A finalist without notes (as a run store reads one back). */
    public Finalist(String name, Program program, double fitnessA, double fitnessB, double fitnessC,
            List<TrainResult> trainedB, List<TrainResult> trainedC) {
        this(name, program, fitnessA, fitnessB, fitnessC, trainedB, trainedC, List.of());
    }
}
