package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The step inputs 'step' and 'total_steps': where they may stand, how they print, analyse and hash. */
class StepInputTest {
    private static final String WARMUP = """
            def train(w, g, m, lr, step, total_steps, beta=0.9):
              m = interp(g, m, beta)
              frac = step / total_steps
              u = m * frac
              u = u * lr
              return u, m
            """;

    @Test
    void stepInputsFollowTheLearningRateAndRoundTrip() {
        Program p = Program.parse(WARMUP);
        assertEquals(List.of("w", "g", "m", "lr"), p.signature().inputs());
        assertEquals(List.of(StepInput.STEP, StepInput.TOTAL_STEPS), p.signature().stepInputs());
        assertEquals("lr", p.signature().learningRate());
        assertEquals(1, p.slotCount());
        assertEquals(WARMUP, p.print());
        assertEquals(p, Program.parse(p.print()));
    }

    @Test
    void eitherStepInputMayStandAlone() {
        Program total = Program.parse("def train(w, g, lr, total_steps):\n  u = g / total_steps\n  u = u * lr\n  return u\n");
        assertEquals(List.of(StepInput.TOTAL_STEPS), total.signature().stepInputs());
        assertEquals(total, Program.parse(total.print()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "step before lr            | def train(w, g, m, step, lr):                 | 1:26 | 'lr' follows the step input 'step'",
        "step among the first three | def train(w, g, step, lr):                   | 1:17 | must follow the learning rate",
        "total_steps before step   | def train(w, g, lr, total_steps, step):       | 1:34 | 'step' must come before 'total_steps'",
        "misspelled in lr's place   | def train(w, g, lr, steps):                  | 1:21 | did you mean the step input 'step'?",
        "misspelled after step     | def train(w, g, lr, step, total_step):        | 1:27 | did you mean 'total_steps'?",
        "step with a default       | def train(w, g, lr, step=1):                  | 1:21 | is a step input, not a hyperparameter",
        "only step inputs          | def train(w, g, lr, step, total_steps, x):    | 1:40 | 'x' follows the step input",
    })
    void misplacedOrMisspelledStepInputsArePositionedWithTheFix(String story, String def, String at, String message) {
        ProgramException e = assertThrows(ProgramException.class,
                () -> Program.parse(def + "\n  u = g * lr\n  return u\n"), story);
        String text = e.getMessage();
        assertTrue(text.startsWith(at + ": "), story + ": " + text);
        assertTrue(text.contains(message), story + ": " + text);
    }

    @Test
    void stepInputsAreScalarsNotGradientsAndNotSlots() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, lr, step):\n  u = step * lr\n  return u\n"));
        assertFalse(a.valid(), "an update from the step count alone does not depend on g");
        Analysis b = Analysis.of(Program.parse(WARMUP));
        assertTrue(b.valid(), b.diagnostics().toString());
        assertTrue(b.reads(StepInput.STEP));
        assertTrue(b.reads(StepInput.TOTAL_STEPS));
        assertTrue(b.learningRateMatters());
    }

    @Test
    void aStatementOnlyReadingTheStepIsDeadWhenItFeedsNothing() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, lr, step):\n  s = step * 2\n  u = g * lr\n  return u\n"));
        assertEquals(List.of(0), a.deadStatements());
        assertFalse(a.reads(StepInput.STEP));
    }

    @Test
    void hashTellsStepInputsFromConstantsAndFromEachOther() {
        String body = "  u = g * %s\n  u = u * lr\n  return u\n";
        String step = Analysis.of(Program.parse("def train(w, g, lr, step, total_steps):\n" + body.formatted("step"))).hash();
        String total = Analysis.of(Program.parse("def train(w, g, lr, step, total_steps):\n" + body.formatted("total_steps"))).hash();
        String one = Analysis.of(Program.parse("def train(w, g, lr):\n" + body.formatted("1.0"))).hash();
        String lr = Analysis.of(Program.parse("def train(w, g, lr):\n" + body.formatted("lr"))).hash();
        assertEquals(4, java.util.Set.of(step, total, one, lr).size());
        String onlyStep = Analysis.of(Program.parse("def train(w, g, lr, step):\n" + body.formatted("step"))).hash();
        assertEquals(step, onlyStep, "declaring total_steps without reading it does not change the function");
    }

    @Test
    void renamedRandomProgramsWithStepInputsKeepTheirHashAndRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(42);
        List<StepInput> both = List.of(StepInput.STEP, StepInput.TOTAL_STEPS);
        for (int i = 0; i < 300; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(12), rnd.nextInt(3), Op.searchable(), List.of(), both);
            assertEquals(p, Program.parse(p.print()), p.print());
            Analysis a = Analysis.of(p);
            assertTrue(a.valid(), p.print());
            Program renamed = RandomPrograms.rename(p, java.util.Map.of("g", "grad", "lr", "rate", "w", "weights"));
            assertEquals(a.hash(), Analysis.of(renamed).hash(), p.print());
        }
    }

    @Test
    void stepReadsChangeTheHashOfAnOtherwiseEqualProgram() {
        Program p = Program.parse("def train(w, g, lr, step):\n  u = g * step\n  u = u * lr\n  return u\n");
        Program q = Program.parse("def train(w, g, m, lr):\n  u = g * m\n  u = u * lr\n  return u, g\n");
        assertNotEquals(Analysis.of(p).hash(), Analysis.of(q).hash());
    }
}
