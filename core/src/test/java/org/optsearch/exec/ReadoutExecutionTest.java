package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.lang.RandomPrograms;
import org.optsearch.lang.Statement;

/** Both executors write a program's readout into the state buffer after its slots, and agree on it. */
class ReadoutExecutionTest {
    @Test
    void theReadoutGoesIntoTheLastStateBuffer() {
        Program p = Program.parse("def train(w, g, m, lr):\n  m = interp(g, m, 0.5)\n  e = w - m\n  u = g * lr\n"
                + "  return u, m, readout=e\n");
        ParamLayout layout = ParamLayout.of(5, 70);
        for (Executor e : List.of(Executor.reference(p, layout), new FusedExecutor(Analysis.of(p), layout, false),
                new FusedExecutor(Analysis.of(p), layout, true))) {
            assertEquals(2, e.slotCount());
            float[] w = new float[layout.size()];
            java.util.Arrays.fill(w, 3f);
            float[] g = new float[layout.size()];
            java.util.Arrays.fill(g, 2f);
            float[][] state = e.newState();
            e.step(w, g, state, 0.5f);
            assertEquals(2f, w[40], 0f); // 3 - 2 * 0.5
            assertEquals(1f, state[0][40], 0f); // m = (g + 0) / 2
            assertEquals(2f, state[1][40], 0f, e.getClass().getSimpleName() + ": readout = old w - new m");
        }
    }

    @Test
    void randomProgramsWithAReadoutAgree() {
        SplittableRandom rnd = new SplittableRandom(9);
        ParamLayout layout = ParamLayout.of(3, 300, 17);
        int tried = 0;
        for (int i = 0; tried < 150; i++) {
            Program p = RandomPrograms.generate(rnd, 2 + rnd.nextInt(12), rnd.nextInt(3), StepValuesTest.TAME);
            Analysis plain = Analysis.of(p);
            int pick = rnd.nextInt(p.statements().size());
            Statement s = p.statements().get(pick);
            if (!plain.isArray(pick) || !p.statements().subList(pick + 1, p.statements().size()).stream()
                    .noneMatch(t -> t.target().equals(s.target()))) {
                continue;
            }
            Program q = p.withReadout(s.target());
            tried++;
            for (boolean compiled : new boolean[] {true, false}) {
                Agreement.Result r = Agreement.compare(q, layout, compiled, 2, 1.0, i);
                assertEquals(0, r.disagreements(), r.firstDisagreement() + "\n" + q.print());
            }
        }
    }
}
