package org.optsearch.search;

import java.util.List;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.lang.StepScale;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;

/**
 * One evaluation, the one way: a candidate trained on a stage's tasks and scored against the start
 * program's results there (trained once, on first use). On stage A the candidate's step size is
 * calibrated (when the plan has more than one multiplier) and its score carries the multiplier chosen;
 * on A2 (stage A's tasks, each with its seed + 1: the confirmation of a promotion), B and C it trains
 * with that multiplier folded in ({@link StepScale#fold}), and on B and C, when the search recalibrates,
 * calibrated again around it on the stage's own tasks (the score carries the product). The engine evaluates through this in its own
 * threads, and a worker JVM of the cluster through the same class, so that both compute the same score
 * from the same inputs, bit for bit.
 */
public final class Evaluator {
    private final Program start;
    private final Stage stage;
    private final Calibration.Plan calibration;

    /**
     * @param start       the reference: the start program as the search uses it (hyperparameters inlined,
     *                    calibrated on stage A when the search calibrates)
     * @param stage       stage A (for jobs on A and A2), B or C
     * @param calibration the search's calibration plan ({@link SearchConfig#calibration()})
     */
    Evaluator(Program start, Stage stage, Calibration.Plan calibration) {
        this.start = start;
        this.stage = stage;
        this.calibration = calibration;
    }

    /**
     * @param start        the reference, as in the engine: the calibrated start program
     * @param stage        the stage whose tasks these are: A serves jobs on A and A2
     * @param hurdleFactor see {@link SearchConfig#hurdleFactor()}
     * @param calibration  the plan of the stage: {@link SearchConfig#calibration()} on A, and on B and C
     *                     {@link SearchConfig#recalibration()} (on B relative to the multiplier A chose, on C
     *                     to the one B chose)
     */
    public static Evaluator of(Program start, StageName stage, List<Task> tasks, double hurdleFactor,
            Calibration.Plan calibration) {
        if (stage == StageName.A2) {
            throw new IllegalArgumentException("stage A2 trains stage A's tasks: make the evaluator for stage A");
        }
        return new Evaluator(start, new Stage(stage, tasks, hurdleFactor,
                stage == StageName.A ? Calibration.Plan.off() : calibration), calibration);
    }

    /** The stage whose tasks a job on {@code job} trains: A for A2. */
    public static StageName tasksOf(StageName job) {
        return job == StageName.A2 ? StageName.A : job;
    }

    /**
     * The start program's results on the stage, trained on first use (for A2 also with the seeds + 1); throws
     * IllegalArgumentException naming the task and the fix when they are no reference (the stage is unusable).
     */
    public List<TrainResult> reference(StageName job) {
        check(job);
        List<TrainResult> results = stage.reference(start);
        if (job == StageName.A2) {
            stage.referenceAt(1);
        }
        return results;
    }

    /**
     * What a job on {@code job} is scored against, to hand to an evaluator elsewhere ({@link #adopt}): the
     * start program's results on the stage (trained here first if needed) and, for A2, with the seeds + 1.
     */
    public References references(StageName job) {
        List<TrainResult> own = reference(job);
        return new References(own, job == StageName.A2 ? stage.referenceAt(1) : null);
    }

    /**
     * Takes what a job on {@code job} is scored against from {@link #references} of an evaluator elsewhere
     * (a cluster's coordinator) instead of training the start program here; judged as if trained here.
     *
     * @throws IllegalArgumentException when they are not results on this stage's tasks, or not for {@code job}
     */
    public void adopt(StageName job, References references) {
        check(job);
        if ((job == StageName.A2) != (references.nextSeed() != null)) {
            throw new IllegalArgumentException("a job on stage " + job + " is scored against the start program's "
                    + "results " + (job == StageName.A2 ? "at the tasks' seeds and at seeds + 1" : "at the tasks' seeds only"));
        }
        stage.adopt(start, references.own(), references.nextSeed());
    }

    /**
     * The start program's results a job is scored against.
     *
     * @param own      at the tasks' own seeds, one per task of the stage
     * @param nextSeed for stage A2 at the seeds + 1, else null
     */
    public record References(List<TrainResult> own, List<TrainResult> nextSeed) {
        public References {
            own = List.copyOf(own);
            nextSeed = nextSeed == null ? null : List.copyOf(nextSeed);
        }
    }

    /**
     * The candidate's score on {@code job}'s stage; hurdles and the deadline ({@link System#nanoTime()}) stop
     * it early.
     *
     * @param multiplier on A2 and B the step-size multiplier stage A chose for it, on C the one B scored it at
     *                   (ignored on A, where calibration chooses one); the score carries the multiplier it
     *                   was trained at
     */
    public Score evaluate(StageName job, Analysis candidate, String name, double multiplier, long deadlineNanos) {
        reference(job);
        if (job == StageName.A) {
            if (calibration.multipliers().size() < 2) {
                return stage.evaluate(candidate, name, true, deadlineNanos);
            }
            return stage.calibrate(candidate.program(), calibration, name, deadlineNanos, true).score();
        }
        Analysis scaled = multiplier == 1.0 ? candidate : Analysis.of(StepScale.fold(candidate.program(), multiplier));
        if (job != StageName.A2 && stage.recalibrates()) {
            Score s = stage.score(scaled.program(), name, true, deadlineNanos);
            return s.withMultiplier(multiplier * s.multiplier());
        }
        Score s = stage.evaluate(scaled, name, true, deadlineNanos, job == StageName.A2 ? 1 : 0);
        return s.withMultiplier(multiplier);
    }

    /** As {@link #evaluate(StageName, Analysis, String, double, long)}, for a program not yet analyzed. */
    public Score evaluate(StageName job, Program candidate, String name, double multiplier, long deadlineNanos) {
        return evaluate(job, Analysis.of(candidate), name, multiplier, deadlineNanos);
    }

    private void check(StageName job) {
        if (tasksOf(job) != stage.name) {
            throw new IllegalArgumentException("a job on stage " + job + " given to the evaluator of stage "
                    + stage.name);
        }
    }
}
