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
}
