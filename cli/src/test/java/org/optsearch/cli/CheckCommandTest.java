package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.lang.Program;

class CheckCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MISSPELLED = """
            def train(w, g, m, lr):
              update = interp(g, m, 0.9)
              delta = sgn(update)
              m = interp(g, m, 0.99)
              return delta, m
            """;

    private static final String WITH_DEAD_STATEMENT = """
            # Lion without weight decay, plus a statement that reaches no output.
            def train(w, g, m, lr):
              update = interp(g, m, 0.9)
              unused = square(g)
              update = sign(update)
              m = interp(g, m, 0.99)
              update = update * lr
              return update, m
            """;

    private static final String WITHOUT_DEAD_STATEMENT = """
            def train(w, g, m, lr):
              c = interp(g, m, 0.9)
              c = sign(c)
              m = interp(g, m, 0.99)
              c = c * lr
              return c, m
            """;

    private static final String SLOT_NEVER_READ = """
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              update = g * lr
              return update, m
            """;

    private static final String UNDEFINED_VARIABLE = """
            def train(w, g, m, lr):
              update = gg * lr
              return update, m
            """;

    @TempDir
    Path dir;

    static Stream<Path> shippedPrograms() {
        return Cli.shippedPrograms().stream();
    }

    @Test
    void everyShippedProgramIsValidAndReported() {
        List<Path> programs = Cli.shippedPrograms();
        Cli.Run run = Cli.run(Stream.concat(Stream.of("check"), programs.stream().map(Path::toString)).toArray());
        assertEquals(0, run.exit(), run.err());
        for (Path p : programs) {
            assertTrue(run.out().contains(p + ": valid"), "report for " + p + " in:\n" + run.out());
        }
        assertEquals(programs.size(), run.outLines().stream().filter(l -> l.startsWith("  hash ")).count());
    }

    @ParameterizedTest
    @MethodSource("shippedPrograms")
    void jsonOfShippedProgramHasEveryKeyAndCanonicalTextParsesBack(Path program) throws Exception {
        Cli.Run run = Cli.run("check", "--json", program);
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.outLines().size(), "one JSON object per line");
        JsonNode o = JSON.readTree(run.out());
        Set<String> keys = new TreeSet<>();
        o.fieldNames().forEachRemaining(keys::add);
        assertTrue(keys.containsAll(Set.of("file", "valid", "errors", "warnings", "hash", "deadStatements",
                "stateSlots", "canonical")), "keys " + keys);
        assertEquals(program.toString(), o.get("file").asText());
        assertTrue(o.get("valid").asBoolean());
        assertTrue(o.get("errors").isEmpty());
        assertTrue(o.get("hash").asText().matches("[0-9a-f]{16}"), o.get("hash").asText());
        String canonical = o.get("canonical").asText();
        assertEquals(canonical, Program.parse(canonical).print());
        assertEquals(Program.parse(Files.readString(program)).signature().slots(),
                JSON.convertValue(o.get("stateSlots"), List.class));
    }

    @Test
    void misspelledFunctionIsReportedAtItsColumnWithTheLineAndACaret() {
        Path bad = Cli.write(dir, "bad.opt", MISSPELLED);
        Cli.Run run = Cli.run("check", bad);
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals(List.of(
                bad + ":3:11: unknown function 'sgn'; did you mean 'sign'?",
                "  delta = sgn(update)",
                "          ^"), run.errLines());
    }

    @Test
    void caretFollowsTabsInTheSourceLine() {
        Path bad = Cli.write(dir, "tabs.opt", MISSPELLED.replace("  delta = sgn", "\tdelta =\tsgn")
                .replace("\n  ", "\n\t"));
        Cli.Run run = Cli.run("check", bad);
        assertEquals(2, run.exit());
        List<String> err = run.errLines();
        assertTrue(err.get(0).contains(":3:"), err.get(0));
        assertTrue(err.get(0).endsWith("unknown function 'sgn'; did you mean 'sign'?"), err.get(0));
        assertEquals("\tdelta =\tsgn(update)", err.get(1));
        assertEquals("\t       \t^", err.get(2));
    }

    @Test
    void errorFoundByTheAnalysisAlsoPointsAtTheSource() {
        Path bad = Cli.write(dir, "undefined.opt", UNDEFINED_VARIABLE);
        Cli.Run run = Cli.run("check", bad);
        assertEquals(2, run.exit());
        assertEquals(bad + ":2:12: undefined variable 'gg'; did you mean 'g'?", run.errLines().get(0));
        assertEquals("           ^", run.errLines().get(2));
    }

    @Test
    void missingFileIsNamedAndExits2() {
        Path missing = dir.resolve("nope.opt");
        Cli.Run run = Cli.run("check", missing);
        assertEquals(2, run.exit());
        assertEquals(List.of(missing + ": cannot read program: no such file"), run.errLines());
    }

    @Test
    void directoryAndNonUtf8FilesAreRefusedByName() throws Exception {
        Path binary = Files.write(dir.resolve("binary.opt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Cli.Run run = Cli.run("check", dir, binary);
        assertEquals(2, run.exit());
        assertTrue(run.err().contains(dir + ": cannot read program: is a directory"), run.err());
        assertTrue(run.err().contains(binary + ": cannot read program: not UTF-8 text"), run.err());
        assertTrue(run.err().contains("2 of 2 files invalid"), run.err());
    }

    @Test
    void oneBadFileDoesNotStopTheOthersButFailsTheRun() {
        Path bad = Cli.write(dir, "bad.opt", MISSPELLED);
        Path lion = Cli.program("lion.opt");
        Cli.Run run = Cli.run("check", bad, lion);
        assertEquals(2, run.exit());
        assertTrue(run.out().startsWith(lion + ": valid"), run.out());
        assertTrue(run.err().startsWith(bad + ":3:11:"), run.err());
    }

    @Test
    void jsonOfInvalidProgramHasNullHashAndTheErrorPosition() throws Exception {
        Path bad = Cli.write(dir, "bad.opt", MISSPELLED);
        Path missing = dir.resolve("missing.opt");
        Cli.Run run = Cli.run("check", "--json", bad, missing);
        assertEquals(2, run.exit());
        assertEquals("", run.err(), "JSON mode keeps stderr for failures of the tool itself");
        List<JsonNode> objects = new ArrayList<>();
        for (String line : run.outLines()) {
            objects.add(JSON.readTree(line));
        }
        assertEquals(2, objects.size());
        JsonNode o = objects.get(0);
        assertFalse(o.get("valid").asBoolean());
        assertTrue(o.get("hash").isNull());
        assertTrue(o.get("canonical").isNull());
        JsonNode error = o.get("errors").get(0);
        assertEquals(3, error.get("line").asInt());
        assertEquals(11, error.get("column").asInt());
        assertEquals("unknown function 'sgn'; did you mean 'sign'?", error.get("message").asText());
        JsonNode m = objects.get(1);
        assertEquals(missing.toString(), m.get("file").asText());
        assertEquals("cannot read program: no such file", m.get("errors").get(0).get("message").asText());
    }

    @Test
    void deadStatementIsReportedBySourceLineAndDoesNotChangeTheHash() throws Exception {
        JsonNode with = json(Cli.write(dir, "with.opt", WITH_DEAD_STATEMENT));
        JsonNode without = json(Cli.write(dir, "without.opt", WITHOUT_DEAD_STATEMENT));
        assertEquals(List.of(4), JSON.convertValue(with.get("deadStatements"), List.class));
        assertTrue(without.get("deadStatements").isEmpty());
        assertEquals(without.get("hash").asText(), with.get("hash").asText());

        Cli.Run text = Cli.run("check", dir.resolve("with.opt"));
        assertTrue(text.out().contains("  dead statements  line 4\n"), text.out());
    }

    @Test
    void slotNeverReadIsAWarningAndNotLive() throws Exception {
        Path file = Cli.write(dir, "unread.opt", SLOT_NEVER_READ);
        JsonNode o = json(file);
        assertTrue(o.get("valid").asBoolean());
        assertEquals(List.of("m"), JSON.convertValue(o.get("stateSlots"), List.class));
        assertTrue(o.get("liveSlots").isEmpty());
        JsonNode warning = o.get("warnings").get(0);
        assertEquals(1, warning.get("line").asInt());
        assertTrue(warning.get("message").asText().contains("state slot 'm'"), warning.toString());

        Cli.Run text = Cli.run("check", file);
        assertEquals(0, text.exit(), "warnings do not fail the check");
        assertTrue(text.out().contains("  state slots      m (not live)\n"), text.out());
        assertTrue(text.out().contains("    " + file + ":1:17: warning: state slot 'm'"), text.out());
    }

    /** Programs on which the learning rate, and so the schedule and tune, have no effect: a warning each. */
    @ParameterizedTest
    @MethodSource("learningRateIgnored")
    void learningRateThatHasNoEffectIsAPositionedWarning(String text, String at, String fragment) {
        Path file = Cli.write(dir, "ignores-lr.opt", text);
        Cli.Run run = Cli.run("check", file);
        assertEquals(0, run.exit(), "warnings do not fail the check: " + run.err());
        assertTrue(run.out().contains("  warnings         1\n"), run.out());
        assertTrue(run.out().contains("    " + file + ":" + at + ": warning: " + fragment), run.out());
        assertTrue(run.out().contains("no effect on training"), run.out());
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> learningRateIgnored() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        "def train(w, g, lr):\n  update = sign(g)\n  update = update * 0.001\n  return update\n",
                        "1:17", "the learning rate 'lr' is never read"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "def train(w, g, lr):\n  step = g * lr\n  update = g * 0.001\n  return update\n",
                        "2:14", "the update does not depend on the learning rate 'lr'"),
                org.junit.jupiter.params.provider.Arguments.of(
                        "def train(w, g, lr):\n  step = g * lr\n  update = sign(step)\n  return update\n",
                        "2:14", "the update does not change when the learning rate 'lr' is scaled"));
    }

    @Test
    void checkWithoutFilesIsAUsageError() {
        Cli.Run run = Cli.run("check");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Missing required parameter"), run.err());
        assertTrue(run.err().contains("Usage: optsearch check"), run.err());
    }

    private static JsonNode json(Path file) throws Exception {
        Cli.Run run = Cli.run("check", "--json", file);
        assertEquals(0, run.exit(), run.err() + run.out());
        return JSON.readTree(run.out());
    }
}
