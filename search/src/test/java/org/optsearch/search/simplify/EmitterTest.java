package org.optsearch.search.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;

/** How rewritten programs are printed back: names kept, fresh ones only where unavoidable. */
class EmitterTest {

    @Test
    void aValueWaitsUntilItsNameIsFreeRatherThanTakingAFreshOne() {
        // once m is seen to be v, the update reads the old v after v's new value is computed
        Program p = Program.parse("""
                def train(w, g, v, lr):
                  m = v * 1.0
                  v = interp(g, v, 0.99)
                  u = sign(m)
                  u = u * lr
                  return u, v
                """);
        Program rewritten = Simplifier.rewrite(p).program();
        assertEquals("""
                def train(w, g, v, lr):
                  u = sign(v)
                  v = interp(g, v, 0.99)
                  u = u * lr
                  return u, v
                """, rewritten.print());
        assertEquals(Numerics.Outcome.SAME, Numerics.compareExactly(p, rewritten, 1).outcome());
    }

    @Test
    void aReturnedValueKeepsTheNameItWasReturnedUnder() {
        Program p = Program.parse("""
                def train(w, g, lr):
                  t = g * lr
                  update = t * 1.0
                  return update
                """);
        assertEquals("""
                def train(w, g, lr):
                  update = g * lr
                  return update
                """, Simplifier.rewrite(p).program().print());
    }

    @Test
    void aValueWhoseNameIsStillNeededGetsAFreshName() {
        // the update reads the old m after m's new value is computed, and both are returned
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  m2 = interp(g, m, 0.9)
                  u = m + m2
                  u = u * lr
                  return u, m2
                """);
        Program renamed = Simplifier.rewrite(Program.parse("""
                def train(w, g, m, lr):
                  t = interp(g, m, 0.9)
                  u = m + t
                  u = u * lr
                  m = t * 1.0
                  return u, m
                """)).program();
        assertEquals("""
                def train(w, g, m, lr):
                  m1 = interp(g, m, 0.9)
                  u = m + m1
                  u = u * lr
                  return u, m1
                """, renamed.print());
        assertEquals(Numerics.Outcome.SAME, Numerics.compareExactly(p, renamed, 1).outcome());
    }

    @Test
    void aReturnedLiteralGetsACopyStatement() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  u = g * lr
                  u = u + m
                  c = 2.0 * 0.25
                  return u, c
                """);
        Simplifier.Result r = Simplifier.rewrite(p);
        assertEquals("""
                def train(w, g, m, lr):
                  u = g * lr
                  u = u + m
                  c = 0.5
                  return u, c
                """, r.program().print());
        assertEquals(List.of("constant-folding: c = 2.0 * 0.25 -> c = 0.5"), r.applied());
    }

    @Test
    void theSignatureKeepsItsNameAndHyperparametersBecomeLiterals() {
        Program p = Program.parse("""
                def step(w, g, lr, scale=0.5):
                  u = g * scale
                  u = u * lr
                  return u
                """);
        assertEquals("""
                def step(w, g, lr):
                  u = g * 0.5
                  u = u * lr
                  return u
                """, Simplifier.rewrite(p).program().print());
    }
}
