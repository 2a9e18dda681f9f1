package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optsearch.train.task.BuiltinTasks;
import org.optsearch.train.task.Tasks;

class ScoringTest {

    @Test
    void theReferenceScoresOneAndChanceScoresZero() {
        assertEquals(1.0, Scoring.normalized(0.9, 0.9, 0.1), 1e-12);
        assertEquals(0.0, Scoring.normalized(0.1, 0.9, 0.1), 1e-12);
        assertEquals(0.5, Scoring.normalized(-2.5, -2.0, -3.0), 1e-12);
    }

    @Test
    void aDivergedRunScoresZeroAndAUselessReferenceGivesNoScale() {
        assertEquals(0.0, Scoring.normalized(TrainResult.FAILED, 0.9, 0.1));
        assertTrue(Double.isNaN(Scoring.normalized(0.5, 0.1, 0.1)));
    }

    @Test
    void chanceLevelsFollowTheObjective() {
        double digits = Scoring.chance(BuiltinTasks.load("digits-mlp", Tasks.dataDir()));
        assertTrue(digits > 0.08 && digits < 0.15, "most common of 10 digit classes: " + digits);
        double diabetes = Scoring.chance(BuiltinTasks.load("diabetes-mlp", Tasks.dataDir()));
        assertTrue(diabetes < -0.5 && diabetes > -2, "minus the variance of standardized targets: " + diabetes);
        double austen = Scoring.chance(BuiltinTasks.load("austen-charlm", Tasks.dataDir()));
        assertEquals(-Math.log(81) / Math.log(2), austen, 1e-9);
    }

    @Test
    void lossIsNormalizedBetweenTheConstantPredictorAndTheReference() {
        assertEquals(1.0, Scoring.normalizedLoss(0.5, 0.5, 2.0), 1e-12);
        assertEquals(0.0, Scoring.normalizedLoss(2.0, 0.5, 2.0), 1e-12);
        assertEquals(1.5, Scoring.normalizedLoss(-0.25, 0.5, 2.0), 1e-12, "a lower loss than the reference: above 1");
        assertEquals(0.0, Scoring.normalizedLoss(Double.NaN, 0.5, 2.0), "no loss (diverged): 0");
        assertTrue(Double.isNaN(Scoring.normalizedLoss(0.3, 2.0, 2.0)), "a reference at chance gives no scale");
    }

    @Test
    void chanceLossIsTheBestConstantPredictorsLoss() {
        Task digits = BuiltinTasks.load("digits-mlp", Tasks.dataDir());
        double h = Scoring.chanceLoss(digits);
        assertTrue(h > 2.25 && h <= Math.log(10) + 1e-12, "entropy of 10 nearly balanced classes, nats: " + h);
        double diabetes = Scoring.chanceLoss(BuiltinTasks.load("diabetes-mlp", Tasks.dataDir()));
        assertEquals(-Scoring.chance(BuiltinTasks.load("diabetes-mlp", Tasks.dataDir())), diabetes, 1e-12,
                "regression: the MSE of predicting the training mean (0)");
        assertEquals(Math.log(81), Scoring.chanceLoss(BuiltinTasks.load("austen-charlm", Tasks.dataDir())), 1e-9,
                "a uniform guess over the alphabet, nats");
    }

    /** XS is the quick preset's proxy: every family has it, a smaller model trained on fewer examples than S. */
    @Test
    void everyFamilyHasAnExtraSmallSize() {
        for (String family : BuiltinTasks.families().keySet()) {
            Task xs = BuiltinTasks.load(family + ":XS", Tasks.dataDir());
            Task s = BuiltinTasks.load(family + ":S", Tasks.dataDir());
            assertEquals(family + ":XS", xs.name());
            assertTrue((long) xs.config().steps() * xs.config().batchSize() < (long) s.config().steps()
                    * s.config().batchSize(), family + " trains on fewer examples at XS");
            assertTrue(xs.model().get().layout().size() < s.model().get().layout().size(),
                    family + " has a smaller model at XS");
        }
    }
}
