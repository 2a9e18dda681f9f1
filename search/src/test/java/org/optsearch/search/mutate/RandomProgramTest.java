package org.optsearch.search.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Hyperparameter;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;

/** The {@code random} baseline: valid random programs of a given length for any signature. */
class RandomProgramTest {
    private static final MutationConfig CONFIG = MutationConfig.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"w,g,lr", "w,g,m,lr", "w,g,m,v,lr", "weights,grad,a,b,c,rate"})
    void randomProgramsAreValidAndHaveTheAskedLength(String inputs) {
        Signature signature = Signature.of(inputs.split(","));
        SplittableRandom rnd = new SplittableRandom(1);
        Set<String> hashes = new HashSet<>();
        for (int length : new int[] {0, 1, 2, 5, 10, 20, 40}) {
            for (int i = 0; i < 50; i++) {
                Program p = RandomProgram.generate(signature, length, CONFIG, rnd);
                Analysis a = Analysis.of(p);
                assertTrue(a.valid(), () -> a.errors() + "\n" + p.print());
                assertEquals(length, p.statements().size());
                assertEquals(signature, p.signature());
                assertEquals(Program.parse(p.print()), p, "round-trips through its text");
                if (length >= 10) {
                    hashes.add(a.hash());
                }
            }
        }
        assertTrue(hashes.size() > 120, "long random programs are mostly different functions, got " + hashes.size() + " of 150");
    }

    @Test
    void randomProgramsFollowTheLearningRateUnlessConstantStepsAreAllowed() {
        SplittableRandom rnd = new SplittableRandom(5);
        Signature signature = Signature.of("w", "g", "m", "v", "lr");
        int ignoring = 0;
        for (int length : new int[] {1, 3, 10}) {
            for (int i = 0; i < 100; i++) {
                assertTrue(Analysis.of(RandomProgram.generate(signature, length, CONFIG, rnd)).learningRateMatters());
                Program free = RandomProgram.generate(signature, length, CONFIG.withFollowLearningRate(false), rnd);
                ignoring += Analysis.of(free).learningRateMatters() ? 0 : 1;
            }
        }
        assertTrue(ignoring > 200, "unconstrained, most random programs ignore lr: " + ignoring + " of 300");
        assertTrue(Analysis.of(RandomProgram.generate(signature, 0, CONFIG, rnd)).valid(),
                "an empty program cannot read lr; it is drawn as before");
    }

    @Test
    void aSignatureWithHyperparametersKeepsThemAndMayReadThem() {
        Signature withHyper = new Signature("train", List.of("w", "g", "m", "v", "lr"),
                List.of(new Hyperparameter("beta1", 0.9), new Hyperparameter("wd", 0.01)));
        SplittableRandom rnd = new SplittableRandom(2);
        boolean read = false;
        for (int i = 0; i < 200; i++) {
            Program p = RandomProgram.generate(withHyper, 10, CONFIG, rnd);
            assertTrue(Analysis.of(p).valid());
            read |= p.print().contains("beta1)") || p.print().contains("beta1,") || p.print().contains(" beta1\n");
        }
        assertTrue(read);
    }

    @Test
    void sameSeedGivesTheSamePrograms() {
        Signature adamw = Signature.of("w", "g", "m", "v", "lr");
        assertEquals(draw(adamw, 5), draw(adamw, 5));
        assertNotEquals(draw(adamw, 5), draw(adamw, 6));
    }

    private static List<Program> draw(Signature s, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Program> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            out.add(RandomProgram.generate(s, 15, CONFIG, rnd));
        }
        return out;
    }

    @Test
    void clipByGlobalNormAloneStillGivesValidPrograms() {
        MutationConfig clipOnly = CONFIG.withFunctions(List.of(Op.CLIP_BY_GLOBAL_NORM));
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            assertTrue(Analysis.of(RandomProgram.generate(Signature.of("w", "g", "m", "lr"), 8, clipOnly, rnd)).valid());
        }
    }

    @Test
    void aLengthBeyondTheConfiguredMaximumIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomProgram.generate(Signature.of("w", "g", "lr"), 41, CONFIG, new SplittableRandom(1)));
        assertEquals("random program length must be in 0..40 (the configured maximum), got 41", e.getMessage());
    }

    @Test
    void functionsWithoutArgumentsCannotMakeAnUpdateThatSeesTheGradient() {
        MutationConfig constantsOnly = CONFIG.withFunctions(List.of(Op.GET_PI, Op.GET_E));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RandomProgram.generate(Signature.of("w", "g", "lr"), 3, constantsOnly, new SplittableRandom(1)));
        assertTrue(e.getMessage().startsWith("no valid random program of 3 statement(s)"), e.getMessage());
    }
}
