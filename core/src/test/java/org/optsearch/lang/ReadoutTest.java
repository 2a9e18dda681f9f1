package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** 'return update, <slots...>, readout=x': the weights to evaluate, as the language reads and checks it. */
class ReadoutTest {
    /** Shaped like Schedule-Free SGD (Defazio et al. 2024): w is the training point y, x is evaluated. */
    static final String SCHEDULE_FREE_SGD = """
            def train(w, g, z, x, lr, step, beta=0.9):
              gl = g * lr
              z = z - gl
              c = reciprocal(step)
              x = interp(x, z, c)
              y = interp(z, x, beta)
              y = y * lr
              u = w - y
              return u, z, x, readout=x
            """;

    @Test
    void aReadoutRoundTripsAndMakesTheProgramEqualOnlyToItself() {
        Program p = Program.parse(SCHEDULE_FREE_SGD);
        assertEquals("x", p.readout());
        assertEquals(SCHEDULE_FREE_SGD, p.print());
        assertEquals(p, Program.parse(p.print()));
        assertNotEquals(p, p.withReadout(null));
        assertEquals(p.withReadout("z"), Program.parse(SCHEDULE_FREE_SGD.replace("readout=x", "readout=z")));
    }

    @Test
    void theReadoutIsLiveAndChangesTheHash() {
        String base = "def train(w, g, m, lr):\n  m = interp(g, m, 0.9)\n  e = m * 2.0\n  u = g * lr\n  return u, m%s\n";
        Analysis without = Analysis.of(Program.parse(base.formatted("")));
        Analysis with = Analysis.of(Program.parse(base.formatted(", readout=e")));
        assertTrue(with.valid(), with.diagnostics().toString());
        assertEquals(List.of(0, 1), without.deadStatements());
        assertEquals(List.of(), with.deadStatements(), "the readout reads e, which reads the slot m");
        assertTrue(with.slotLive(0));
        assertNotEquals(without.hash(), with.hash());
        Analysis other = Analysis.of(Program.parse(base.formatted(", readout=m")));
        assertNotEquals(with.hash(), other.hash());
    }

    @Test
    void aScalarReadoutIsRefusedAtItsName() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, lr):\n  s = lr * 2.0\n  u = g * lr\n  return u, readout=s\n"));
        assertFalse(a.valid());
        assertEquals("4:21: the readout 's' is a scalar; it gives the weights to evaluate, an array like 'w'",
                a.errors().get(0).toString());
        Analysis undefined = Analysis.of(Program.parse("def train(w, g, lr):\n  u = g * lr\n  return u, readout=ux\n"));
        assertTrue(undefined.errors().get(0).toString().startsWith("3:21: undefined variable 'ux'"),
                undefined.errors().toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "misspelled              | return u, redout=w        | 3:13 | did you mean 'readout'?",
        "not last                | return u, readout=w, m    | 3:22 | must be the last item",
        "alone                   | return readout=w          | 3:10 | comes after the update",
        "an expression           | return u, readout=w * 2   | 3:23 | takes a variable name only",
    })
    void badReadoutsArePositionedWithTheFix(String story, String line, String at, String message) {
        ProgramException e = assertThrows(ProgramException.class,
                () -> Program.parse("def train(w, g, lr):\n  u = g * lr\n  " + line + "\n"), story);
        assertTrue(e.getMessage().startsWith(at + ": ") && e.getMessage().contains(message), story + ": " + e.getMessage());
    }
}
