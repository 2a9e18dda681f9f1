package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.lang.StepScale;
import org.optsearch.train.run.Task;
import org.optsearch.train.task.Tasks;

/**
 * Stages B and C calibrate the step size again on their own tasks, around the multiplier stage A chose: a
 * step that A's short training liked may be too large for B's longer one. The start program is
 * recalibrated the same way, so 1 is still the start program at its best there.
 */
class RecalibrationTest {
    private static final Program START = FinaleTest.START;
    private static final Calibration.Plan PLAN = Calibration.Plan.halfDecades(3, 3);
    private static final List<Task> B = List.of(Tasks.resolve("breast-cancer-mlp:M"));

    @Test
    void theStartProgramIsRecalibratedOnTheStageAsCalibrationWouldChoose() {
        Stage stage = new Stage(StageName.B, B, 0, PLAN);
        stage.train(START);
        double chosen = new Stage(StageName.B, B, 0).calibrate(START, PLAN, "start", Long.MAX_VALUE, false)
                .multiplier();
        assertEquals(chosen, stage.startMultiplier());
        List<org.optsearch.train.run.TrainResult> asWritten = new Stage(StageName.B, B, 0).train(
                StepScale.fold(START, chosen));
        assertEquals(asWritten.get(0).valLoss(), stage.train(START).get(0).valLoss(),
                "its reference is the start program at the multiplier chosen");
    }

    @Test
    void recalibratingTheStartProgramOnSeveralThreadsChangesNothing() {
        List<Task> two = List.of(B.get(0), Tasks.resolve("diabetes-mlp:M"));
        Stage serial = new Stage(StageName.B, two, 0, PLAN);
        Stage parallel = new Stage(StageName.B, two, 0, PLAN);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            List<org.optsearch.train.run.TrainResult> one = serial.train(START);
            List<org.optsearch.train.run.TrainResult> three = pool.submit(() -> parallel.train(START, pool)).join();
            assertEquals(serial.startMultiplier(), parallel.startMultiplier());
            assertEquals(one.stream().map(r -> r.curve()).toList(), three.stream().map(r -> r.curve()).toList());
            Stage.Calibrated a = serial.calibrate(START, Calibration.Plan.halfDecades(5, 2), "p", Long.MAX_VALUE, true);
            Stage.Calibrated b = serial.calibrate(START, Calibration.Plan.halfDecades(5, 2), "p", Long.MAX_VALUE, true,
                    true, pool);
            assertEquals(a.trials().runs(), b.trials().runs(), "every trial, in the same order");
            assertEquals(a.score().fitness(), b.score().fitness());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The start program's seed-to-seed spread of a stage's fitness, by which the summary tells a win from a tie:
     * the sd over three seeds of its normalized scores averaged over the tasks, computed here from trainings of
     * the start program at each seed made by hand.
     */
    @Test
    void theStagesFitnessSpreadIsTheSdOverSeedsOfTheStartProgramsMeanScore() {
        List<Task> two = List.of(B.get(0), Tasks.resolve("diabetes-mlp:M"));
        Stage stage = new Stage(StageName.B, two, 0);
        stage.train(START);
        double[] mean = new double[3];
        for (int seed = 0; seed < 3; seed++) {
            for (Task t : two) {
                Task seeded = t.withConfig(t.config().withSeed(t.config().seed() + seed));
                double loss = org.optsearch.train.run.Trainer.train(seeded, START, "by hand").valLoss();
                double ref = org.optsearch.train.run.Trainer.train(t, START, "by hand").valLoss();
                mean[seed] += org.optsearch.train.run.Scoring.normalizedLoss(loss, ref,
                        org.optsearch.train.run.Scoring.chanceLoss(t)) / two.size();
            }
        }
        double m = (mean[0] + mean[1] + mean[2]) / 3;
        double sd = Math.sqrt(((mean[0] - m) * (mean[0] - m) + (mean[1] - m) * (mean[1] - m)
                + (mean[2] - m) * (mean[2] - m)) / 2);
        ForkJoinPool pool = new ForkJoinPool(2);
        try {
            double spread = stage.fitnessSpread(pool, 0, 1, 2);
            assertTrue(spread > 0, "seeds differ: " + spread);
            assertEquals(sd, spread, 1e-12);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The finale scores a program with its trainings (each rung's, each task's) on a pool: the score is the one
     * made on one thread, also when the program fails on the first task and the others are set aside.
     */
    @Test
    void scoringOnSeveralThreadsChangesNothing() {
        List<Task> two = List.of(B.get(0), Tasks.resolve("diabetes-mlp:M"));
        Stage recalibrating = new Stage(StageName.B, two, 0, PLAN);
        Stage asWritten = new Stage(StageName.B, two, 0);
        recalibrating.train(START);
        asWritten.train(START);
        Program candidate = StepScale.fold(START, 0.3);
        Program diverging = StepScale.fold(START, 1e7);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            for (Stage stage : new Stage[] {recalibrating, asWritten}) {
                for (Program p : new Program[] {candidate, diverging}) {
                    Score one = stage.score(p, "p", false, Long.MAX_VALUE);
                    Score three = pool.submit(() -> stage.score(p, "p", false, Long.MAX_VALUE, pool)).join();
                    assertEquals(one.fitness(), three.fitness());
                    assertEquals(one.multiplier(), three.multiplier());
                    assertEquals(one.stopped(), three.stopped());
                    assertEquals(one.results().stream().map(r -> r.curve()).toList(),
                            three.results().stream().map(r -> r.curve()).toList());
                }
            }
            Score failed = asWritten.score(diverging, "p", false, Long.MAX_VALUE, pool);
            assertTrue(failed.failed() && failed.results().size() == 1,
                    "a failure on the first task keeps only its result: " + failed.results().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCandidatesStepIsCalibratedAgainAroundTheMultiplierAChose() {
        double fromA = 0.1; // as if A liked a tenth of the start program's step: too small on B's longer training
        Evaluator recalibrating = Evaluator.of(START, StageName.B, B, 0, PLAN);
        Evaluator asA = Evaluator.of(START, StageName.B, B, 0, Calibration.Plan.off());
        Analysis candidate = Analysis.of(START);

        Score again = recalibrating.evaluate(StageName.B, candidate, "candidate", fromA, Long.MAX_VALUE);
        Score fixed = asA.evaluate(StageName.B, candidate, "candidate", fromA, Long.MAX_VALUE);

        double relative = again.multiplier() / fromA;
        assertTrue(PLAN.multipliers().stream().anyMatch(m -> Math.abs(m - relative) < 1e-12),
                "the multiplier carried is A's times one of the plan's: " + again.multiplier());
        assertEquals(fromA, fixed.multiplier(), "without recalibration, B trains at A's multiplier");
        assertTrue(relative > 1, "a step ten times too small is raised: x" + relative);
        assertTrue(again.fitness() > fixed.fitness(), again.fitness() + " recalibrated, " + fixed.fitness() + " at A's");
        Stage stage = new Stage(StageName.B, B, 0, PLAN);
        stage.train(START);
        Score direct = stage.score(StepScale.fold(START, fromA), "candidate", true, Long.MAX_VALUE);
        assertEquals(direct.fitness(), again.fitness(), "the evaluator scores as the stage does");
    }

    /**
     * Stage C recalibrates the start program around the step B chose for it, not A's: B's longer trainings
     * are the better guide for C's, and C's plan is a half-decade either side of its centre only.
     */
    @Test
    void stageCRecalibratesTheStartProgramAroundTheStepBChose() {
        Program small = StepScale.fold(START, 0.1); // a step B raises
        List<Task> c = List.of(Tasks.resolve("diabetes-mlp:M"));
        Stage b = new Stage(StageName.B, B, 0, PLAN);
        Stage stageC = new Stage(StageName.C, c, 0, PLAN, b);
        List<org.optsearch.train.run.TrainResult> reference = stageC.train(small);

        double fromB = b.startMultiplier();
        assertTrue(fromB > 1, "B raises a step ten times too small: x" + fromB);
        double own = new Stage(StageName.C, c, 0).calibrate(StepScale.fold(small, fromB), PLAN, "start",
                Long.MAX_VALUE, false).multiplier();
        assertEquals(fromB * own, stageC.startMultiplier(), 1e-12, "B's choice times C's own, around it");
        assertEquals(new Stage(StageName.C, c, 0).train(StepScale.fold(StepScale.fold(small, fromB), own)).get(0)
                .valLoss(), reference.get(0).valLoss(), "its reference is the start program at that step");
    }
}
