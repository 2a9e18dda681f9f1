package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @Test
    void jsonHasTheDocumentedKeys() throws Exception {
        Cli.Run run = Cli.run("train", "--task", "digits-mlp", "--program", Cli.program("adamw.opt"), "--steps", "40",
                "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode o = new ObjectMapper().readTree(run.out());
        for (String key : new String[] {"task", "program", "steps", "valLoss", "valAccuracy", "fitness", "diverged",
            "seconds"}) {
            assertTrue(o.has(key), "missing " + key + " in " + run.out());
        }
        assertEquals("digits-mlp:S", o.get("task").asText());
        assertEquals(40, o.get("steps").asInt());
        assertFalse(o.get("diverged").asBoolean());
    }

    @Test
    void regressionHasNoAccuracy() throws Exception {
        Cli.Run run = Cli.run("train", "--task", "diabetes-mlp", "--program", Cli.program("sgd_momentum.opt"),
                "--steps", "20", "--json");
        assertEquals(0, run.exit(), run.err());
        JsonNode o = new ObjectMapper().readTree(run.out());
        assertFalse(o.has("valAccuracy"));
        assertTrue(o.get("fitness").asDouble() < 0);
    }

    @Test
    void textReportShowsTheCurve() {
        Cli.Run run = Cli.run("train", "--task", "breast-cancer-mlp", "--program", Cli.program("adamw.opt"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("val accuracy"), run.out());
        assertTrue(run.out().contains("curve"), run.out());
    }

    @Test
    void unknownTaskIsAUserError() {
        Cli.Run run = Cli.run("train", "--task", "mnist-vitt", "--program", Cli.program("adamw.opt"));
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("optsearch: unknown task 'mnist-vitt'; did you mean 'mnist-vit'?"), run.err());
    }

    @Test
    void invalidProgramIsReportedWithACaret(@TempDir Path dir) {
        Path bad = Cli.write(dir, "bad.opt", "def train(w, g, lr):\n  u = sgn(g)\n  return u\n");
        Cli.Run run = Cli.run("train", "--task", "digits-mlp", "--program", bad);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("bad.opt:2:7: unknown function 'sgn'; did you mean 'sign'?"), run.err());
        assertTrue(run.err().contains("^"), run.err());
    }

    @Test
    void badTaskFileNamesThePlace(@TempDir Path dir) {
        Path task = Cli.write(dir, "t.json", "{\"name\": \"t\", \"model\": {\"type\": \"mlp\", \"hiden\": [3]}}\n");
        Cli.Run run = Cli.run("train", "--task", task, "--program", Cli.program("adamw.opt"));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("unknown key 'hiden'; did you mean 'hidden'?"), run.err());
    }

    @Test
    void stepsMustBePositive() {
        Cli.Run run = Cli.run("train", "--task", "digits-mlp", "--program", Cli.program("adamw.opt"), "--steps", "0");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--steps must be >= 1, got 0"), run.err());
    }
}
