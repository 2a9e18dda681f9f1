package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.lang.RandomPrograms;
import org.optsearch.lang.StepInput;

/** Both executors read the step inputs the same way, and refuse to run without them. */
class StepValuesTest {
    private static final ParamLayout LAYOUT = ParamLayout.of(3, 300, 5);
    private static final Program BIAS_CORRECTED = Program.parse("""
            def train(w, g, m, lr, step, total_steps):
              m = interp(m, g, 0.1)
              p = power(0.9, step)
              c = invert(p)
              u = m / c
              f = step / total_steps
              u = u * f
              u = u * lr
              return u, m
            """);

    /** Functions whose float results the two executors compute alike (no exp of exp, no sin of huge values). */
    static final List<Op> TAME = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.MAX, Op.MIN, Op.ABS, Op.SQUARE, Op.SQRT,
            Op.SIGN, Op.INTERP, Op.CLIP, Op.NORM, Op.GLOBAL_NORM, Op.DOT, Op.COSINE_SIM, Op.CLIP_BY_GLOBAL_NORM);

    @Test
    void stepIsTheOneBasedUpdateNumberInBothExecutors() {
        for (Executor e : List.of(Executor.reference(BIAS_CORRECTED, LAYOUT),
                new FusedExecutor(Analysis.of(BIAS_CORRECTED), LAYOUT, false),
                new FusedExecutor(Analysis.of(BIAS_CORRECTED), LAYOUT, true))) {
            float[] w = new float[LAYOUT.size()];
            float[] g = new float[LAYOUT.size()];
            java.util.Arrays.fill(g, 2f);
            float[][] state = e.newState();
            e.step(w, g, state, new StepValues(1f, 1, 4));
            // m = 0.2, c = 1 - 0.9 = 0.1: the corrected mean is g itself, times step / total = 1/4.
            assertEquals(-0.5f, w[7], 1e-6f, e.getClass().getSimpleName());
        }
    }

    @Test
    void aProgramReadingTotalStepsIsRefusedWithoutIt() {
        Executor e = Executor.fused(BIAS_CORRECTED, LAYOUT);
        float[] w = new float[LAYOUT.size()];
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                () -> e.step(w, w.clone(), e.newState(), new StepValues(1f, 3, 0)));
        assertTrue(x.getMessage().contains("'total_steps'") && x.getMessage().contains("optTotalSteps"), x.getMessage());
        IllegalArgumentException y = assertThrows(IllegalArgumentException.class,
                () -> Executor.reference(BIAS_CORRECTED, LAYOUT).step(w, w.clone(), e.newState(), 1f));
        assertTrue(y.getMessage().contains("'step'"), y.getMessage());
    }

    @Test
    void randomProgramsReadingStepInputsAgree() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<StepInput> both = List.of(StepInput.STEP, StepInput.TOTAL_STEPS);
        for (int i = 0; i < 150; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(15), rnd.nextInt(3), TAME, List.of(), both);
            for (boolean compiled : new boolean[] {true, false}) {
                Agreement.Result r = Agreement.compare(p, LAYOUT, compiled, 3, 1.0, i);
                assertEquals(0, r.disagreements(), r.firstDisagreement() + "\n" + p.print());
            }
        }
    }

    @Test
    void unknownStepInputsAreZeroAndNegativeOnesAreRefused() {
        assertArrayEquals(new float[] {0, 0}, new float[] {StepValues.lr(1).value(StepInput.STEP),
            StepValues.lr(1).value(StepInput.TOTAL_STEPS)});
        assertThrows(IllegalArgumentException.class, () -> new StepValues(1, -1, 0));
    }
}
