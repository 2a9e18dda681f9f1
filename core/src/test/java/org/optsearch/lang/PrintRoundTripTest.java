package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Printing gives the canonical text: it parses back to an equal program and prints the same again. */
class PrintRoundTripTest {
    private static final int RANDOM_PROGRAMS = 2000;

    static Stream<String> shippedPrograms() {
        return ShippedPrograms.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedPrograms")
    void shippedProgramRoundTrips(String name) {
        assertRoundTrips(ShippedPrograms.load(name));
    }

    @Test
    void everyShippedProgramIsFound() {
        assertEquals(List.of("adagrad.opt", "adamw.opt", "adamw_bc.opt", "adamw_eps.opt", "adan.opt", "ademamix.opt",
                "adopt.opt", "cautious_adamw.opt", "cautious_lion.opt", "lamb.opt", "lion.opt", "lion_raw.opt",
                "mars_adamw.opt", "muon.opt", "nadamw.opt", "rmsprop.opt", "schedule_free_adamw.opt", "sgd.opt",
                "sgd_momentum.opt", "sgd_nesterov.opt", "signum.opt"), ShippedPrograms.names());
    }

    @Test
    void randomValidProgramsRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(20230213);
        for (int i = 0; i < RANDOM_PROGRAMS; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(30), rnd.nextInt(4), Op.searchable());
            assertRoundTrips(p);
        }
    }

    @Test
    void randomProgramsWithHyperparametersAndOddNamesRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < RANDOM_PROGRAMS / 4; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(30), rnd.nextInt(4), Op.searchable());
            Program hoisted = RandomPrograms.mutateNames(RandomPrograms.hoistConstants(p, rnd), rnd);
            assertRoundTrips(hoisted);
        }
    }

    @Test
    void hoistingConstantsIntoHyperparametersIsUndoneByInlining() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < RANDOM_PROGRAMS / 4; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(30), rnd.nextInt(4), Op.searchable());
            assertEquals(p, RandomPrograms.hoistConstants(p, rnd).inlineHyperparameters());
        }
    }

    @Test
    void equalityIgnoresWhereTheTextStood() {
        Program parsed = Program.parse("# a comment\n\ndef train(w, g, lr):\n\n    u = g * lr   # trailing\n    return u\n");
        Program built = new Program(Signature.of("w", "g", "lr"),
                List.of(Statement.of("u", Op.MUL, new Operand.Var("g"), new Operand.Var("lr"))), List.of("u"));
        assertEquals(built, parsed);
        assertEquals(built.hashCode(), parsed.hashCode());
        assertFalse(parsed.source().statements().isEmpty());
    }

    @Test
    void negativeZeroSurvivesPrinting() {
        Program p = Program.parse("def train(w, g, lr, z=-0.0):\n  a = -0.0\n  u = g * -0.0\n  return u\n");
        assertEquals("def train(w, g, lr, z=-0.0):\n  a = -0.0\n  u = g * -0.0\n  return u\n", p.print());
        assertRoundTrips(p);
    }

    static void assertRoundTrips(Program p) {
        String text = p.print();
        Program again = Program.parse(text);
        assertEquals(p, again, text);
        assertEquals(text, again.print());
    }
}
