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
    void muonTrainsTheMatricesAndRestRoutesTheOtherParametersToAdamW() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] base = {"train", "--task", "digits-mlp", "--program", Cli.program("muon.opt").toString(), "--steps",
            "60", "--json"};
        Cli.Run alone = Cli.run(base);
        assertEquals(0, alone.exit(), alone.err());
        Cli.Run routed = Cli.run(concat(base, "--rest", Cli.program("adamw_bc.opt").toString()));
        assertEquals(0, routed.exit(), routed.err());
        JsonNode r = json.readTree(routed.out());
        assertFalse(r.get("diverged").asBoolean());
        assertTrue(r.get("valAccuracy").asDouble() > 0.6, routed.out()); // 0.77 after 60 steps
        assertTrue(r.get("valLoss").asDouble() != json.readTree(alone.out()).get("valLoss").asDouble(), routed.out());
        Cli.Run sf = Cli.run("train", "--task", "digits-mlp", "--program", Cli.program("schedule_free_adamw.opt"),
                "--steps", "60", "--json");
        assertEquals(0, sf.exit(), sf.err());
        assertTrue(json.readTree(sf.out()).get("valAccuracy").asDouble() > 0.5, sf.out());
    }

    @Test
    void samAndLookSamTrainAndChangeTheRun() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String[] base = {"train", "--task", "digits-mlp", "--program", Cli.program("lion.opt").toString(), "--steps",
            "60", "--json"};
        JsonNode plain = json.readTree(Cli.run(base).out());
        Cli.Run sam = Cli.run(concat(base, "--sam", "0.05"));
        assertEquals(0, sam.exit(), sam.err());
        Cli.Run look = Cli.run(concat(base, "--sam", "0.05", "--looksam-every", "5"));
        assertEquals(0, look.exit(), look.err());
        double samLoss = json.readTree(sam.out()).get("valLoss").asDouble();
        double lookLoss = json.readTree(look.out()).get("valLoss").asDouble();
        assertTrue(samLoss != plain.get("valLoss").asDouble() && lookLoss != samLoss, sam.out() + look.out());
    }

    @Test
    void badSamFlagsAreUserErrors() {
        Cli.Run zero = Cli.run("train", "--task", "digits-mlp", "--program", Cli.program("lion.opt"), "--sam", "0");
        assertEquals(2, zero.exit());
        assertTrue(zero.err().contains("--sam must be a finite radius > 0, got 0.0"), zero.err());
        Cli.Run alone = Cli.run("train", "--task", "digits-mlp", "--program", Cli.program("lion.opt"),
                "--looksam-every", "5");
        assertEquals(2, alone.exit());
        assertTrue(alone.err().contains("--looksam-every needs --sam"), alone.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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
