package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the benchmark on small buffers: checks what it reports, never how fast anything is. */
class BenchStepCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sgd.opt", "lion.opt", "adamw.opt"})
    void jsonReportsPositiveThroughputForEachKernel(String name) throws Exception {
        Path program = Cli.program(name);
        Cli.Run run = Cli.run("bench", "step", "--program", program, "--size", "100000", "--repeat", "2", "--json");
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.outLines().size(), run.out());
        JsonNode o = JSON.readTree(run.out());
        assertEquals(program.toString(), o.get("program").asText());
        assertEquals(100000, o.get("size").asInt());
        for (String key : new String[] {"referenceGBs", "fusedGBs", "triadGBs", "fusedOverTriad", "fusedOverReference"}) {
            assertTrue(o.get(key).isNumber(), key + " in " + o);
            assertTrue(o.get(key).asDouble() > 0, key + " in " + o);
        }
        int slots = o.get("slots").asInt();
        assertEquals(4L * 100000 * (3 + 2 * slots), o.get("details").get("fused").get("bytesPerStep").asLong());
        assertEquals(12L * 100000, o.get("details").get("triad").get("bytesPerStep").asLong());
    }

    @Test
    void textNamesEveryKernelAndTheRatios() {
        Cli.Run run = Cli.run("bench", "step", "--program", Cli.program("lion.opt"), "--size", "100k");
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.contains("N = 100,000 floats, 1 state slot"), out);
        assertTrue(out.contains("executors 4*N*(3+2*1) = 2.0 MB, triad 12*N = 1.2 MB"), out);
        for (String line : new String[] {"  triad ", "  fused ", "  reference ", "  fused/triad ", "  fused/reference "}) {
            assertTrue(out.contains(line), line + " in\n" + out);
        }
        assertTrue(out.contains("best of 5 timed steps"), out);
        assertTrue(out.contains("best of 2 timed steps after 1 warm-up)"), out);
    }

    @Test
    void invalidProgramIsReportedLikeCheckDoes() {
        Path bad = Cli.write(dir, "bad.opt", "def train(w, g, lr):\n  update = sgn(g)\n  return update\n");
        Cli.Run run = Cli.run("bench", "step", "--program", bad, "--size", "1000");
        assertEquals(2, run.exit());
        assertEquals(bad + ":2:12: unknown function 'sgn'; did you mean 'sign'?", run.errLines().get(0));
        assertEquals("           ^", run.errLines().get(2));
        assertEquals("", run.out());
    }

    @Test
    void missingProgramFileIsNamed() {
        Path missing = dir.resolve("missing.opt");
        Cli.Run run = Cli.run("bench", "step", "--program", missing, "--size", "1000");
        assertEquals(2, run.exit());
        assertEquals(missing + ": cannot read program: no such file", run.err().strip());
    }

    @Test
    void repeatBelowOneIsRefusedWithoutATrace() {
        Cli.Run run = Cli.run("bench", "step", "--program", Cli.program("sgd.opt"), "--repeat", "0");
        assertEquals(2, run.exit());
        assertEquals("optsearch: --repeat must be >= 1, got 0", run.err().strip());
    }

    @Test
    void orthogonalizeOnTheBenchsOneDimensionalLayoutIsRefusedAtTheStatement() {
        Path muon = Cli.write(dir, "muon.opt", "def train(w, g, m, lr):\n  m = interp(g, m, 0.9)\n"
                + "  o = orthogonalize(m)\n  u = o * lr\n  return u, m\n");
        Cli.Run run = Cli.run("bench", "step", "--program", muon, "--size", "1000", "--repeat", "1");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("optsearch: " + muon + ":3:3: orthogonalize needs 2-D tensors"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }

    @Test
    void aProgramReadingTheStepInputsAndAReadoutIsTimed() {
        Path p = Cli.write(dir, "steps.opt", "def train(w, g, lr, step, total_steps):\n  f = step / total_steps\n"
                + "  u = g * f\n  u = u * lr\n  return u, readout=w\n");
        Cli.Run run = Cli.run("bench", "step", "--program", p, "--size", "1000", "--repeat", "1");
        assertEquals(0, run.exit(), run.err());
    }
}
