package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * Programs far longer than a search writes: a chain of thousands of statements, each reading the one
 * before, is a dataflow graph thousands of nodes deep. Nothing may follow it by recursion.
 */
class LongProgramTest {
    private static final ParamLayout LAYOUT = ParamLayout.of(5, 37);

    /**
     * {@code x = g * 1.0001}, then {@code length - 1} times {@code x = x * 1.0001}, then {@code update =
     * x * lr}: each statement reads the one before. (One name keeps 50,000 statements under the
     * parser's 2^20-character limit.)
     */
    static String chain(int length) {
        return "def train(w, g, lr):\n  x = g * 1.0001\n" + "  x = x * 1.0001\n".repeat(length - 1)
                + "  update = x * lr\n  return update\n";
    }

    @ParameterizedTest
    @ValueSource(ints = {2_500, 50_000})
    void chainedProgramRunsOnTheFusedExecutorAsOnTheReference(int length) {
        Program program = Program.parse(chain(length));
        Analysis analysis = Analysis.of(program);
        assertTrue(analysis.valid(), analysis.diagnostics()::toString);
        assertEquals(Program.parse(program.print()), program);
        Agreement.Result r = Agreement.compare(program, LAYOUT, false, 2, 1.0, 7);
        assertEquals(0, r.disagreements(), r::firstDisagreement);
    }

    @Test
    void passTooLongToCompileFallsBackToTheBlockInterpreter() {
        Program program = Program.parse(chain(2_500));
        FusedExecutor e = new FusedExecutor(Analysis.of(program).requireValid(), LAYOUT, true);
        assertEquals(1, e.passCount());
        assertEquals(0, e.compiledPassCount(), "a 2,500-function pass is over LoopCompiler.MAX_CODE_BYTES");
        Agreement.Result r = Agreement.compare(program, LAYOUT, true, 2, 1.0, 7);
        assertEquals(0, r.disagreements(), r::firstDisagreement);
    }

    @Test
    void passWithinTheLimitIsStillCompiled() {
        Program program = Program.parse(chain(100));
        FusedExecutor e = new FusedExecutor(Analysis.of(program).requireValid(), LAYOUT, true);
        assertEquals(1, e.compiledPassCount());
    }

    /** {@code depth} times {@code n = global_norm(x); x = x / n}: reductions nested {@code depth} deep. */
    private static Program nestedReductions(int depth) {
        return Program.parse("def train(w, g, lr):\n  x = g * 1.0\n" + "  n = global_norm(x)\n  x = x / n\n".repeat(depth)
                + "  update = x * lr\n  return update\n");
    }

    @Test
    void deeplyNestedReductionsRunOnTheReferenceInterpreterInsteadOfRecomputingInEveryPass() {
        Executor deep = Executor.fused(nestedReductions(2_500), LAYOUT);
        assertTrue(deep instanceof ReferenceInterpreter, deep.getClass().getName());
        float[] w = new float[LAYOUT.size()];
        float[] g = new float[LAYOUT.size()];
        java.util.Arrays.fill(g, 3f);
        deep.step(w, g, deep.newState(), 1f);
        // x / |x| over and over stays the unit vector: each w[i] is -1/sqrt(42)
        assertEquals(-1 / Math.sqrt(LAYOUT.size()), w[0], 1e-6);

        Executor shallow = Executor.fused(nestedReductions(20), LAYOUT);
        assertTrue(shallow instanceof FusedExecutor, shallow.getClass().getName());
        assertEquals(21, ((FusedExecutor) shallow).passCount());
        Agreement.Result r = Agreement.compare(nestedReductions(20), LAYOUT, false, 2, 1.0, 7);
        assertEquals(0, r.disagreements(), r::firstDisagreement);
    }
}
