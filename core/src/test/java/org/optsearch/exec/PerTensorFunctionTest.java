package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.lang.RandomPrograms;
import org.optsearch.lang.StepInput;

/** rms, mean and shape_factor: one value per tensor, broadcast over it, the same in both executors. */
class PerTensorFunctionTest {
    /** A 4x2 matrix (tall), a 2x3 matrix (wide), a vector of 3. */
    private static final ParamLayout LAYOUT = new ParamLayout(List.of(new ParamLayout.Segment("tall", 0, 8, 4),
            new ParamLayout.Segment("wide", 8, 6, 2), new ParamLayout.Segment("bias", 14, 3)));

    private static float[] run(String op, Executor e, float[] g) {
        float[] w = new float[LAYOUT.size()];
        e.step(w, g, e.newState(), 1f);
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = -w[i];
        }
        return out;
    }

    private static List<Executor> executors(Program p) {
        return List.of(Executor.reference(p, LAYOUT), new FusedExecutor(Analysis.of(p), LAYOUT, false),
                new FusedExecutor(Analysis.of(p), LAYOUT, true));
    }

    @Test
    void eachFunctionGivesOneValuePerTensor() {
        float[] g = new float[LAYOUT.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = i < 8 ? 2 : i < 14 ? -1 - (i - 8) : 3; // tall: all 2; wide: -1 .. -6; bias: all 3
        }
        for (String op : List.of("rms", "mean", "shape_factor")) {
            Program p = Program.parse("def train(w, g, lr):\n  r = " + op + "(g)\n  u = g * 0.0\n  u = u + r\n"
                    + "  u = u * lr\n  return u\n");
            float[] expected = switch (op) {
                case "rms" -> new float[] {2, (float) Math.sqrt(91.0 / 6), 3};
                case "mean" -> new float[] {2, -3.5f, 3};
                default -> new float[] {(float) Math.sqrt(2), 1, 1}; // 4x2: sqrt(4/2); 2x3: max(1, 2/3); a vector: 1
            };
            for (Executor e : executors(p)) {
                float[] u = run(op, e, g);
                assertEquals(expected[0], u[3], 1e-5f, op + " on the tall matrix, " + e.getClass().getSimpleName());
                assertEquals(expected[1], u[10], 1e-5f, op + " on the wide matrix, " + e.getClass().getSimpleName());
                assertEquals(expected[2], u[15], 1e-5f, op + " on the vector, " + e.getClass().getSimpleName());
            }
        }
    }

    @Test
    void ofAScalarTheyFollowTheScalarRule() {
        Program p = Program.parse("def train(w, g, lr):\n  a = -2.0\n  r = rms(a)\n  m = mean(a)\n  s = shape_factor(a)\n"
                + "  t = r + m\n  t = t + s\n  u = g * t\n  u = u * lr\n  return u\n");
        for (Executor e : executors(p)) {
            float[] g = new float[LAYOUT.size()];
            java.util.Arrays.fill(g, 1f);
            assertEquals(1f, run("scalar", e, g)[0], 1e-6f, "rms(-2) + mean(-2) + shape_factor(-2) = 2 - 2 + 1");
        }
    }

    @Test
    void perTensorFunctionsKeepTheKindOfTheirArgumentAndAreOffTheDefaultSearchSpace() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, lr):\n  r = rms(g)\n  s = rms(lr)\n  u = r * s\n  return u\n"));
        assertTrue(a.isArray(0));
        assertFalse(a.isArray(1));
        assertFalse(Op.searchable().contains(Op.RMS));
        assertTrue(Op.recent().contains(Op.SHAPE_FACTOR));
    }

    @Test
    void shapeFactorIsFanOutOverFanInOnWhicheverAxisTheOutputsAre() {
        // one layer of 8 inputs and 32 outputs, stored out x in (PyTorch) and in x out (this project's trainer):
        // Muon's sqrt(max(1, 32 / 8)) = 2 either way; its transpose (32 inputs, 8 outputs) gets 1 either way
        ParamLayout.Segment outByIn = new ParamLayout.Segment("w", 0, 256, 32);
        ParamLayout.Segment inByOut = new ParamLayout.Segment("w", 0, 256, 8, ParamLayout.Role.MATRIX,
                ParamLayout.Orientation.IN_BY_OUT);
        assertEquals(32, inByOut.fanOut());
        assertEquals(8, inByOut.fanIn());
        assertEquals(2.0, Semantics.shapeFactor(outByIn));
        assertEquals(2.0, Semantics.shapeFactor(inByOut));
        assertEquals(1.0, Semantics.shapeFactor(new ParamLayout.Segment("w", 0, 256, 8)));
        assertEquals(1.0, Semantics.shapeFactor(inByOut.withOrientation(ParamLayout.Orientation.OUT_BY_IN)));
        assertEquals(1.0, Semantics.shapeFactor(new ParamLayout.Segment("b", 0, 32, 1, ParamLayout.Role.VECTOR,
                ParamLayout.Orientation.IN_BY_OUT)), "a vector");

        Program p = Program.parse("def train(w, g, lr):\n  s = shape_factor(g)\n  u = g * 0.0\n  u = u + s\n"
                + "  u = u * lr\n  return u\n");
        ParamLayout layout = new ParamLayout(List.of(inByOut));
        for (Executor e : List.of(Executor.reference(p, layout), new FusedExecutor(Analysis.of(p), layout, false),
                new FusedExecutor(Analysis.of(p), layout, true))) {
            float[] w = new float[256];
            e.step(w, new float[256], e.newState(), 1f);
            assertEquals(-2f, w[100], 1e-6f, e.getClass().getSimpleName());
        }
    }

    @Test
    void randomProgramsWithPerTensorFunctionsAgree() {
        List<Op> ops = new ArrayList<>(StepValuesTest.TAME);
        ops.addAll(List.of(Op.RMS, Op.MEAN, Op.SHAPE_FACTOR, Op.RMS, Op.MEAN, Op.SHAPE_FACTOR));
        SplittableRandom rnd = new SplittableRandom(3);
        ParamLayout layout = new ParamLayout(List.of(new ParamLayout.Segment("a", 0, 600, 20),
                new ParamLayout.Segment("b", 600, 33), new ParamLayout.Segment("c", 633, 64, 8)));
        for (int i = 0; i < 200; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(15), rnd.nextInt(3), ops, List.of(),
                    List.of(StepInput.STEP));
            for (boolean compiled : new boolean[] {true, false}) {
                Agreement.Result r = Agreement.compare(p, layout, compiled, 2, 1.0, i);
                assertEquals(0, r.disagreements(), r.firstDisagreement() + "\n" + p.print());
            }
        }
    }
}
