package org.optsearch.search.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/** The {@code constants} baseline (hyperparameter tuning) and the paper's rule for changing a constant. */
class ConstantsModeTest {
    private static final Program ADAMW = Shipped.load("adamw.opt");
    private static final Mutator MUTATOR = new Mutator(MutationConfig.defaults());

    @Test
    void constantsModeChangesExactlyOneConstantAndKeepsTheStructure() {
        Program start = ADAMW.inlineHyperparameters();
        String structure = Shipped.masked(start);
        SplittableRandom rnd = new SplittableRandom(1);
        Program current = start;
        for (int i = 0; i < 1000; i++) {
            Mutation m = MUTATOR.mutateConstants(current, rnd);
            assertEquals(MutationKind.MODIFY, m.kind());
            assertTrue(m.analysis().valid());
            assertEquals(structure, Shipped.masked(m.child()), m::description);
            assertEquals(1, Shipped.changedConstants(current, m.child()), m::description);
            assertNotEquals(hashOf(current), m.analysis().hash(), "every constant of AdamW is live, so the hash moves");
            assertTrue(m.description().startsWith("tune statement "), m.description());
            assertEquals(2, m.quoted().size(), m::description);
            assertTrue(m.description().contains("'" + m.quoted().get(0) + "' -> '" + m.quoted().get(1) + "'"),
                    m::description);
            current = i % 2 == 0 ? m.child() : current; // wander a little, as tuning would
        }
    }

    private static String hashOf(Program p) {
        return Analysis.of(p).hash();
    }

    @Test
    void aProgramWithoutConstantsHasNothingToTune() {
        Program none = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MUTATOR.mutateConstants(none, new SplittableRandom(1)));
        assertTrue(e.getMessage().startsWith("the program has no constants"), e.getMessage());
    }

    @Test
    void anInvalidParentCannotBeTuned() {
        Program invalid = Program.parse("def train(w, g, lr):\n  update = w * 0.5\n  return update\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MUTATOR.mutateConstants(invalid, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("does not depend on the gradient"), e.getMessage());
    }

    @Test
    void aZeroConstantIsRedrawnSinceScalingKeepsItZero() {
        Program zero = Program.parse("def train(w, g, lr):\n  update = g * 0.0\n  return update\n");
        Mutation m = MUTATOR.mutateConstants(zero, new SplittableRandom(1));
        assertTrue(m.description().contains("redrawn from N(0,1)"), m.description());
    }

    @Test
    void scalingByTwoToTheAKeepsTheSignAndScalesTheMagnitude() {
        for (double v : new double[] {0.9, -0.001, 3.5e-7, -12.0}) {
            for (double a : new double[] {-2.5, -1, 0.3, 1, 4}) {
                double scaled = Constants.scale(v, a);
                assertEquals(Math.signum(v), Math.signum(scaled));
                assertEquals(a, Math.log(scaled / v) / Math.log(2), 1e-12);
            }
        }
        assertEquals(Double.POSITIVE_INFINITY, Constants.scale(1e308, 10), "overflow is reported, not clamped");
    }

    @Test
    void aChangeIsHalfRedrawsAndHalfScalingsWithExponentFromAStandardNormal() {
        SplittableRandom rnd = new SplittableRandom(7);
        int redrawn = 0;
        double sum = 0;
        double squares = 0;
        int scaled = 0;
        for (int i = 0; i < 20_000; i++) {
            Constants.Change c = Constants.change(-0.25, rnd);
            if (c.redrawn()) {
                redrawn++;
            } else {
                assertTrue(c.after() < 0, "scaling keeps the sign");
                double a = Math.log(c.after() / c.before()) / Math.log(2);
                assertEquals(c.exponent(), a, 1e-9);
                sum += a;
                squares += a * a;
                scaled++;
            }
        }
        assertEquals(10_000, redrawn, 300);
        double mean = sum / scaled;
        double sd = Math.sqrt(squares / scaled - mean * mean);
        assertEquals(0, mean, 0.03);
        assertEquals(1, sd, 0.03);
    }

    @Test
    void aChangeSaysHowTheConstantMoved() {
        assertEquals("0.9 -> 0.45 (times 2^-1.000)", new Constants.Change(0.9, 0.45, -1).describe());
        assertEquals("0.9 -> -1.5 (redrawn from N(0,1))", new Constants.Change(0.9, -1.5, Double.NaN).describe());
    }
}
