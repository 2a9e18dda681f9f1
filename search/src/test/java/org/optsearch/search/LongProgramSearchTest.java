package org.optsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.Mutation;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.search.mutate.Mutator;

/** The search's own work on programs thousands of statements deep: fingerprints and mutation. */
class LongProgramSearchTest {

    /** {@code x1 = g * 1.0001}, {@code x2 = x1 * 1.0001}, ...: each statement reads the one before. */
    private static Program chain(int length) {
        StringBuilder text = new StringBuilder("def train(w, g, lr):\n  x1 = g * 1.0001\n");
        for (int i = 2; i <= length; i++) {
            text.append("  x").append(i).append(" = x").append(i - 1).append(" * 1.0001\n");
        }
        return Program.parse(text.append("  update = x").append(length).append(" * lr\n  return update\n").toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {2_500, 30_000}) // 30,000 distinct names stay under the parser's 2^20 characters
    void longChainIsFingerprintedAndMutated(int length) {
        Program p = chain(length);
        assertEquals(Fingerprint.of(p), Fingerprint.of(Program.parse(p.print())));
        assertNotEquals(Fingerprint.of(p), Fingerprint.of(chain(length - 1)));
        Mutator mutator = new Mutator(new MutationConfig(MutationConfig.weights(1, 1, 1), Op.searchable(),
                length + 10, MutationConfig.DEFAULT_MAX_ATTEMPTS));
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 5; i++) {
            Mutation m = mutator.mutate(p, rnd);
            assertTrue(Analysis.of(m.child()).valid(), m::description);
            assertTrue(Math.abs(m.child().statements().size() - length - 1) <= 1, m::description);
        }
    }

    @Test
    void fiftyThousandStatementChainIsFingerprinted() {
        String head = "def train(w, g, lr):\n  x = g * 1.0001\n";
        Program p = Program.parse(head + "  x = x * 1.0001\n".repeat(49_999) + "  update = x * lr\n  return update\n");
        Program shorter = Program.parse(head + "  x = x * 1.0001\n".repeat(49_998) + "  update = x * lr\n  return update\n");
        assertNotEquals(Fingerprint.of(p), Fingerprint.of(shorter));
    }
}
