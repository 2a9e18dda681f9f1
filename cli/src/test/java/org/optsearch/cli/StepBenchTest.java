package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.lang.Program;

class StepBenchTest {

    @ParameterizedTest
    @CsvSource({
        // size, slots, executor bytes = 4*N*(3+2*slots), triad bytes = 12*N
        "1000, 0, 12000, 12000",
        "1000, 1, 20000, 12000",
        "1000, 2, 28000, 12000",
        "10000000, 2, 280000000, 120000000",
        "2000000000, 2, 56000000000, 24000000000",
    })
    void trafficCountsEveryBufferReadAndWrittenOnce(int size, int slots, long executor, long triad) {
        assertEquals(executor, StepBench.executorBytes(size, slots));
        assertEquals(triad, StepBench.triadBytes(size));
    }

    @Test
    void inputsAreTheSameForTheSameSeedAndStateStartsAtZero() {
        StepInputs a = StepInputs.random(1000, 2, 7);
        StepInputs b = StepInputs.random(1000, 2, 7);
        assertArrayEquals(a.w(), b.w());
        assertArrayEquals(a.g(), b.g());
        assertFalse(java.util.Arrays.equals(a.w(), a.g()), "w and g are drawn independently");
        assertFalse(java.util.Arrays.equals(a.w(), StepInputs.random(1000, 2, 8).w()));
        assertEquals(2, a.state().length);
        for (float[] slot : a.state()) {
            assertArrayEquals(new float[1000], slot);
        }
    }

    @Test
    void triadComputesBPlusScalarTimesC() {
        float[] a = new float[3];
        StepBench.triad(a, new float[] {1, 2, 3}, new float[] {10, 20, 30}, 0.5f);
        assertArrayEquals(new float[] {6, 12, 18}, a);
    }

    @Test
    void timingsReportTheirRepeatsAndPositiveThroughput() throws Exception {
        Program lion = Program.parse(Files.readString(Cli.program("lion.opt")));
        StepBench.Timing fused = StepBench.fused(lion, 10_000, 3, StepInputs.DEFAULT_SEED);
        StepBench.Timing reference = StepBench.reference(lion, 10_000, 3, StepInputs.DEFAULT_SEED);
        StepBench.Timing triad = StepBench.triad(10_000, 4, StepInputs.DEFAULT_SEED);
        assertEquals(3, fused.repeats());
        assertEquals(StepBench.REFERENCE_MAX_REPEATS, reference.repeats());
        assertEquals(4, triad.repeats());
        for (StepBench.Timing t : new StepBench.Timing[] {fused, reference, triad}) {
            assertTrue(t.bestGBs() > 0, t.name());
            assertTrue(t.bestNanos() <= t.medianNanos(), t.name());
            assertEquals(0, t.nonFinite(), t.name());
        }
    }
}
