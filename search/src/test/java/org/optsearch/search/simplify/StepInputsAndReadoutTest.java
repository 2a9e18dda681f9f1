package org.optsearch.search.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;

/** Simplification keeps the step inputs and the readout, and what they read. */
class StepInputsAndReadoutTest {
    private static final Program AVERAGING = Program.parse("""
            def train(w, g, a, unused, lr, step, total_steps):
              junk = cosh(g)
              unused = junk * 2.0
              u = g * lr
              n = w - u
              c = reciprocal(step)
              c2 = c
              a = interp(a, n, c2)
              return u, a, unused, readout=a
            """);

    @Test
    void removeDeadKeepsStepInputsTheReadoutAndTheSlotOnlyTheReadoutReads() {
        Program p = Simplifier.removeDead(AVERAGING).program();
        assertEquals(List.of(StepInput.STEP, StepInput.TOTAL_STEPS), p.signature().stepInputs());
        assertEquals(List.of("a"), p.signature().slots(), p.print());
        assertEquals("a", p.readout(), p.print());
        assertEquals(Analysis.of(AVERAGING).hash(), Analysis.of(p).hash());
        assertTrue(p.statements().stream().noneMatch(s -> s.target().equals("junk")), p.print());
    }

    @Test
    void rewritingKeepsTheFunction() {
        Program p = Simplifier.rewrite(AVERAGING).program();
        assertTrue(Analysis.of(p).valid(), p.print());
        assertEquals("a", p.readout(), p.print());
        assertEquals(Analysis.of(Simplifier.removeDead(AVERAGING).program()).hash(),
                Analysis.of(Simplifier.removeDead(p).program()).hash(), p.print());
    }
}
