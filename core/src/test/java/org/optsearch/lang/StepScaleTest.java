package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;

class StepScaleTest {
    /** The shipped AdamW with its hyperparameters written in as constants, as a search holds it. */
    private static final Program ADAMW = ShippedPrograms.load("adamw.opt").inlineHyperparameters();

    @Test
    void appendsOneScaleStatementThenFoldsIntoIt() {
        Program once = StepScale.fold(ADAMW, 3.1622776601683795);
        assertEquals(ADAMW.statements().size() + 1, once.statements().size());
        assertEquals("step = update * 3.1623", once.statements().get(once.statements().size() - 1).toString());
        Program twice = StepScale.fold(once, 0.1);
        assertEquals(once.statements().size(), twice.statements().size());
        assertEquals("step = update * 0.31623", twice.statements().get(twice.statements().size() - 1).toString());
    }

    @Test
    void aMultiplierThatRoundsToOneIsTheProgramItself() {
        assertSame(ADAMW, StepScale.fold(ADAMW, 1.0));
        assertSame(ADAMW, StepScale.fold(ADAMW, Math.sqrt(10) * Math.sqrt(0.1))); // 1.0000000000000002
        assertSame(ADAMW, StepScale.fold(ADAMW, 1.000001));
        assertNotSame(ADAMW, StepScale.fold(ADAMW, 1.0001));
    }

    @Test
    void aScaleThatComesBackToOneIsRemovedNotKeptAsTimesOne() {
        // x3.16 on stage B, then x0.316 on stage C: the program is the one it started as.
        Program there = StepScale.fold(ADAMW, Math.sqrt(10));
        Program back = StepScale.fold(there, Math.sqrt(0.1));
        assertEquals(ADAMW.print(), back.print());
        assertEquals(ADAMW.returns(), back.returns());
    }

    @Test
    void aScaleOfOneStaysWhenItsOperandIsReassignedAfterIt() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  u = m * 2.0
                  m = interp(g, m, 0.9)
                  return u, m
                """);
        Program folded = StepScale.fold(p, 0.5);
        assertEquals("u = m * 1.0", folded.statements().get(0).toString(), folded.print());
        assertEquals("u", folded.returns().get(0));
    }

    @Test
    void aDeadReaderDoesNotStopTheFoldSoNoChainOfScalesIsLeftBehind() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  u = m * lr
                  step = u * 10.0
                  x1 = step + w
                  return step, m
                """);
        Program folded = StepScale.fold(p, 0.5);
        assertEquals(p.statements().size(), folded.statements().size(), folded.print());
        assertEquals("step = u * 5.0", folded.statements().get(2).toString());
        // Back to one: the statement stays (the dead reader still names it), as x1.0 rather than a chain.
        Program one = StepScale.fold(p, 0.1);
        assertEquals("step = u * 1.0", one.statements().get(2).toString(), one.print());
        assertEquals(p.statements().size(), one.statements().size());
    }

    @Test
    void theFoldedProgramStepsExactlyKTimesFurtherWithTheSameState() {
        Program scaled = StepScale.fold(ADAMW, 10);
        float[] w = {0.5f, -1f, 2f, 0.25f};
        float[] g = {0.1f, -0.3f, 0.2f, 1f};
        float[] w1 = w.clone();
        float[] w2 = w.clone();
        float[][] s1 = {new float[4], new float[4]};
        float[][] s2 = {new float[4], new float[4]};
        Executor a = Executor.reference(ADAMW, ParamLayout.single(4));
        Executor b = Executor.reference(scaled, ParamLayout.single(4));
        a.step(w1, g, s1, 1f);
        b.step(w2, g, s2, 1f);
        for (int i = 0; i < 4; i++) {
            assertEquals(10 * (w[i] - w1[i]), w[i] - w2[i], 1e-5);
        }
        assertArrayEquals(s1[0], s2[0]);
        assertArrayEquals(s1[1], s2[1]);
    }

    @Test
    void aScaleReadAsStateIsNotFoldedInto() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  m = g * 0.5
                  return m, m
                """);
        Program scaled = StepScale.fold(p, 2);
        assertEquals("m = g * 0.5", scaled.statements().get(0).toString());
        assertEquals(2, scaled.statements().size());
    }
}
