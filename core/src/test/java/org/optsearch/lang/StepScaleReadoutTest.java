package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Folding a learning-rate factor into a program keeps its readout and its step inputs. */
class StepScaleReadoutTest {
    @Test
    void foldingKeepsTheReadoutAndDoesNotScaleIt() {
        Program p = Program.parse("def train(w, g, lr, step):\n  u = g * lr\n  u = u * 2.0\n  return u, readout=u\n");
        Program folded = StepScale.fold(p, 3);
        assertEquals("u", folded.readout(), folded.print());
        assertEquals(p.signature().stepInputs(), folded.signature().stepInputs());
        assertEquals("  u = u * 2.0", folded.print().lines().toList().get(2), "the readout's statement is not folded");
    }
}
