package org.optsearch.search;

import java.util.List;
import org.optsearch.lang.Program;
import org.optsearch.train.run.TrainResult;

/**
 * A program of a search's final summary with its fitness on each stage (NaN where a stage is not
 * configured) and its trainings on stages B and C (their learning curves go into the report).
 */
public record Finalist(String name, Program program, double fitnessA, double fitnessB, double fitnessC,
        List<TrainResult> trainedB, List<TrainResult> trainedC) {
    public Finalist {
        trainedB = List.copyOf(trainedB);
        trainedC = List.copyOf(trainedC);
    }
}
