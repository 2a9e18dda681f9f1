package org.optsearch.store;

import java.util.List;
import org.optsearch.search.StageName;
import org.optsearch.train.run.TrainResult;

/**
 * A row of the {@code evaluation} table with its task results ({@code task_result}).
 *
 * @param seq          its place in the run's event sequence
 * @param programId    the program trained
 * @param stage        the stage it was trained on
 * @param fitness      the mean normalized fitness, {@link TrainResult#FAILED} when it failed
 * @param stopped      why it failed, or null
 * @param savedSteps   training steps a hurdle saved
 * @param seconds      how long it took
 * @param worker       the worker that ran it
 * @param finishedAtMs when it finished (epoch milliseconds)
 * @param results      one per task, in the stage's order; each result's {@code program} is
 *                     {@code "candidate <id>"}
 */
public record StoredEvaluation(long seq, long programId, StageName stage, double fitness, String stopped,
        long savedSteps, double seconds, int worker, long finishedAtMs, List<TrainResult> results) {

    public StoredEvaluation {
        results = List.copyOf(results);
    }

    public boolean failed() {
        return fitness == TrainResult.FAILED;
    }
}
