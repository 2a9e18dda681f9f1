package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;

/** Fingerprints of programs with the step inputs and the shape-reading functions. */
class FingerprintRecentTest {
    private static long of(String def, String body) {
        return Fingerprint.of(Program.parse(def + "\n" + body + "  return u\n"));
    }

    @Test
    void shapeFactorIsNotMistakenForOneNorOrthogonalizeRefused() {
        String def = "def train(w, g, lr):";
        long plain = of(def, "  u = g * lr\n");
        long scaled = of(def, "  s = shape_factor(g)\n  u = g * s\n  u = u * lr\n");
        long orthogonal = of(def, "  o = orthogonalize(g)\n  u = o * lr\n");
        assertNotEquals(plain, scaled, "on vectors shape_factor is 1: the probe has matrices for it");
        assertNotEquals(plain, orthogonal);
    }

    @Test
    void stepInputsAreReadAndTellProgramsApart() {
        String def = "def train(w, g, lr, step, total_steps):";
        long step = of(def, "  u = g * step\n  u = u * lr\n");
        long total = of(def, "  u = g * total_steps\n  u = u * lr\n");
        assertNotEquals(step, total);
        assertEquals(of("def train(w, g, lr):", "  u = g * lr\n"), of(def, "  u = g * lr\n"),
                "declaring step inputs that nothing reads changes nothing");
    }
}
