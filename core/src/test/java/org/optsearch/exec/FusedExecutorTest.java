package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;
import org.optsearch.lang.ShippedPrograms;

class FusedExecutorTest {
    private static final ParamLayout LAYOUT = ParamLayout.of(5, 100, 37);

    private static FusedExecutor fused(String text) {
        return new FusedExecutor(Analysis.of(Program.parse(text)).requireValid(), LAYOUT);
    }

    @Test
    void elementwiseProgramsRunInOnePass() {
        for (String name : ShippedPrograms.names()) {
            Program p = ShippedPrograms.load(name);
            if (p.statements().stream().anyMatch(s -> s.op().reduces())) {
                continue; // norm, mean, orthogonalize (LAMB, MARS, the cautious ones, Muon): a pass per level
            }
            FusedExecutor e = new FusedExecutor(Analysis.of(p), LAYOUT);
            assertEquals(1, e.passCount(), name);
        }
    }

    @Test
    void eachLevelOfReductionsAddsOnePass() {
        assertEquals(2, fused("""
                def train(w, g, lr):
                  n = global_norm(g)
                  update = g / n
                  return update
                """).passCount());
        assertEquals(3, fused("""
                def train(w, g, lr):
                  t = norm(g)
                  u = g / t
                  n = global_norm(u)
                  update = u * n
                  return update
                """).passCount());
    }

    @Test
    void independentReductionsShareAPass() {
        assertEquals(2, fused("""
                def train(w, g, m, lr):
                  a = dot(g, m)
                  b = cosine_sim(g, w)
                  c = clip_by_global_norm(g, 1.0)
                  d = norm(w)
                  e = a * b
                  f = c * d
                  update = f + e
                  m = interp(g, m, 0.9)
                  return update, m
                """).passCount());
    }

    @Test
    void multiPassProgramsAgreeWithTheReference() {
        String text = """
                def train(w, g, m, v, lr):
                  t = norm(g)
                  u = g / t
                  n = global_norm(u)
                  c = clip_by_global_norm(u, n)
                  s = cosine_sim(c, m)
                  d = dot(s, w)
                  update = c * d
                  update = update * lr
                  m = interp(g, m, 0.9)
                  v = u * s
                  return update, m, v
                """;
        for (boolean compiled : new boolean[] {true, false}) {
            Agreement.Result r = Agreement.compare(Program.parse(text), LAYOUT, compiled, 3, 1.0, 5);
            assertEquals(0, r.disagreements(), r.firstDisagreement());
        }
    }

    @Test
    void swappedStateIsReadBeforeAnySlotIsWritten() {
        String text = """
                def train(w, g, m, v, lr):
                  update = g * lr
                  return update, v, m
                """;
        for (boolean compiled : new boolean[] {true, false}) {
            Agreement.Result r = Agreement.compare(Program.parse(text), LAYOUT, compiled, 3, 1.0, 9);
            assertEquals(0, r.disagreements(), r.firstDisagreement());
        }
    }

    @Test
    void stateReturnedUnchangedOrAsTheWeightsAgreesWithTheReference() {
        String text = """
                def train(w, g, m, v, lr):
                  update = g * lr
                  return update, m, w
                """;
        for (boolean compiled : new boolean[] {true, false}) {
            Agreement.Result r = Agreement.compare(Program.parse(text), LAYOUT, compiled, 3, 1.0, 3);
            assertEquals(0, r.disagreements(), r.firstDisagreement());
        }
    }

    @Test
    void nonFiniteResultsAreCountedNotThrown() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  update = log(g)
                  m = g / g
                  return update, m
                """);
        for (Executor e : new Executor[] {Executor.fused(p, LAYOUT), Executor.reference(p, LAYOUT)}) {
            float[] w = new float[LAYOUT.size()];
            float[] g = new float[LAYOUT.size()];
            java.util.Arrays.fill(g, 1f);
            g[3] = 0f; // log(0) = -inf, so w - update = +inf
            g[120] = Float.NaN;
            StepReport report = e.step(w, g, e.newState(), 1f);
            assertEquals(3, report.nonFinite(), "w[3] = inf, w[120] and m[120] = NaN");
            assertTrue(Float.isInfinite(w[3]));
        }
    }

    @Test
    void cleanStepsReportNothing() {
        Executor e = Executor.fused(ShippedPrograms.load("lion.opt"), LAYOUT);
        float[] g = new float[LAYOUT.size()];
        java.util.Arrays.fill(g, 0.5f);
        assertEquals(StepReport.CLEAN, e.step(new float[LAYOUT.size()], g, e.newState(), 1f));
    }

    @Test
    void sameInputsGiveBitwiseTheSameResult() {
        Program adamw = ShippedPrograms.load("adamw.opt");
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            Executor e = Executor.fused(adamw, LAYOUT);
            SplittableRandom rnd = new SplittableRandom(42);
            float[] w = Agreement.noise(rnd, LAYOUT.size(), 1);
            float[][] state = e.newState();
            for (int step = 0; step < 5; step++) {
                e.step(w, Agreement.noise(rnd, LAYOUT.size(), 1), state, 1f);
            }
            results[run] = w;
        }
        assertArrayEquals(results[0], results[1]);
    }

    @Test
    void buffersOfTheWrongSizeAreRejectedByName() {
        Executor e = Executor.fused(ShippedPrograms.load("lion.opt"), LAYOUT);
        IllegalArgumentException wrongG = assertThrows(IllegalArgumentException.class,
                () -> e.step(new float[LAYOUT.size()], new float[3], e.newState(), 1f));
        assertTrue(wrongG.getMessage().startsWith("g has 3 floats, the layout has 142"), wrongG.getMessage());
        IllegalArgumentException wrongSlots = assertThrows(IllegalArgumentException.class,
                () -> e.step(new float[LAYOUT.size()], new float[LAYOUT.size()], new float[0][], 1f));
        assertTrue(wrongSlots.getMessage().contains("1 state slot"), wrongSlots.getMessage());
    }

    @Test
    void invalidProgramsAreRejectedWithTheirErrors() {
        Program undefined = Program.parse("""
                def train(w, g, lr):
                  update = q * lr
                  return update
                """);
        ProgramException e = assertThrows(ProgramException.class, () -> Executor.fused(undefined, LAYOUT));
        assertTrue(e.getMessage().contains("undefined variable 'q'"), e.getMessage());
    }
}
