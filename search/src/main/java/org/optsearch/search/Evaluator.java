package org.optsearch.search;

import java.util.List;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;

/**
 * One evaluation, the one way: a candidate trained on a stage's tasks and scored against the start
 * program's results there (trained once, on first use). The engine evaluates through this in its own
 * threads, and a worker JVM of the cluster through the same class, so that both compute the same
 * score from the same inputs, bit for bit.
 */
public final class Evaluator {
    private final Program start;
    private final Stage stage;

    Evaluator(Program start, Stage stage) {
        this.start = start;
        this.stage = stage;
    }

    /**
     * @param start        the start program (hyperparameters inlined), the reference
     * @param hurdleFactor see {@link SearchConfig#hurdleFactor()}
     */
    public static Evaluator of(Program start, StageName stage, List<Task> tasks, double hurdleFactor) {
        return new Evaluator(start, new Stage(stage, tasks, hurdleFactor));
    }

    /**
     * The start program's results on the stage, trained on first use; throws IllegalArgumentException
     * naming the task and the fix when they are no reference (the stage is unusable).
     */
    public List<TrainResult> reference() {
        return stage.reference(start);
    }

    /** The candidate's score; hurdles and the deadline ({@link System#nanoTime()}) stop it early. */
    public Score evaluate(Analysis candidate, String name, long deadlineNanos) {
        reference();
        return stage.evaluate(candidate, name, true, deadlineNanos);
    }

    /** As {@link #evaluate(Analysis, String, long)}, for a program not yet analyzed. */
    public Score evaluate(Program candidate, String name, long deadlineNanos) {
        return evaluate(Analysis.of(candidate), name, deadlineNanos);
    }
}
