package org.optsearch.search.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;

class RemoveDeadTest {

    @Test
    void lionRawLosesTheSlotNothingReadsAndTheStatementFeedingIt() {
        Simplifier.Result r = Simplifier.removeDead(Programs.load("lion_raw.opt"));
        assertEquals("""
                def train(w, g, v, lr):
                  g = clip(g, lr)
                  g = arcsin(g)
                  m = interp(g, v, 0.899)
                  m2 = m * m
                  v = interp(g, m, 1.109)
                  abs_m = sqrt(m2)
                  update = m / abs_m
                  wd = w * 0.4602
                  update = update + wd
                  lr = lr * 0.0002
                  update = update * lr
                  return update, v
                """, r.program().print());
        assertEquals(List.of("dead slot: m", "dead statement: m = cosh(update)"), r.applied());
    }

    @Test
    void aProgramWithoutDeadCodeOnlyLosesItsHyperparameters() {
        Program lion = Programs.load("lion.opt");
        Simplifier.Result r = Simplifier.removeDead(lion);
        assertEquals(lion.inlineHyperparameters().print(), r.program().print());
        assertEquals(List.of(), r.applied());
    }

    @Test
    void aSlotOnlyDeadSlotsReadIsDeadToo() {
        Program p = Program.parse("""
                def train(w, g, m, v, lr):
                  m = interp(g, m, 0.9)
                  v = v + m
                  u = m * lr
                  return u, m, v
                """);
        assertEquals("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  u = m * lr
                  return u, m
                """, Simplifier.removeDead(p).program().print());
    }

    @Test
    void slotsReadOnlyThroughAnotherSlotStayLive() {
        // v feeds m's new value, and m feeds the update: both live, across steps
        Program p = Program.parse("""
                def train(w, g, m, v, lr):
                  u = m * lr
                  m = interp(g, v, 0.9)
                  v = interp(g, v, 0.5)
                  return u, m, v
                """);
        assertEquals(p.print(), Simplifier.removeDead(p).program().print());
    }

    @Test
    void removingDeadCodeKeepsTheHashAndTheValuesOfRandomPrograms() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n = 0; n < 300; n++) {
            Program p = RandomPrograms.generate(rnd);
            Analysis before = Analysis.of(p);
            Program q = Simplifier.removeDead(p).program();
            Analysis after = Analysis.of(q).requireValid();
            assertEquals(before.hash(), after.hash(), () -> p + "->\n" + q);
            assertEquals(p.statements().size() - before.deadStatements().size(), q.statements().size());
            long live = java.util.stream.IntStream.range(0, p.slotCount()).filter(before::slotLive).count();
            assertEquals(live, q.slotCount());
            assertEquals(List.of(), after.deadStatements());
            Numerics.Comparison c = Numerics.compareExactly(p, q, n);
            assertEquals(c.outcome() == Numerics.Outcome.NOT_FINITE ? Numerics.Outcome.NOT_FINITE
                    : Numerics.Outcome.SAME, c.outcome(), () -> c + "\n" + p + "->\n" + q);
        }
    }

    @Test
    void anInvalidProgramIsRefusedWithItsErrors() {
        Program p = Program.parse("""
                def train(w, g, lr):
                  u = w * lr
                  return u
                """);
        ProgramException e = assertThrows(ProgramException.class, () -> Simplifier.removeDead(p));
        assertEquals(true, e.getMessage().contains("does not depend on the gradient"), e.getMessage());
    }
}
