package org.optsearch.store;

import org.optsearch.search.calibrate.Calibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Op;
import org.optsearch.search.Budget;
import org.optsearch.search.Mode;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.mutate.MutationConfig;

class ConfigJsonTest {
    private static SearchConfig unusual() {
        MutationConfig m = MutationConfig.defaults().withWeights(MutationConfig.weights(2, 0, 1.5))
                .withFunctions(List.of(Op.ADD, Op.SIGN, Op.INTERP)).withMaxLength(12).withMaxAttempts(7);
        return new SearchConfig(Mode.CONSTANTS, 30, 3, Budget.parse("90m"), 4, Fixtures.program(0.125), "mine",
                List.of("digits-mlp:S", "tasks/my.yaml"), List.of(), List.of("digits-mlp:L"), 0.05, 0, 0, m,
                -1234567890123L, Duration.ofSeconds(95), true,
                new Calibration.Plan(java.util.List.of(0.1, 1.0, 3.1622776601683795), 3), true,
                Calibration.Plan.halfDecades(3, 2));
    }

    @Test
    void aConfigStoredBeforeRecalibrationReadsBackWithout() {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                ConfigJson.tree(ConfigJson.write(unusual()));
        o.remove("recalibration");
        assertEquals(Calibration.Plan.off(), ConfigJson.read(o.toString()).recalibration());
    }

    @Test
    void aConfigStoredBeforeTheLearningRateRuleReadsBackUnconstrainedAndANewOneKeepsIt() {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode)
                ConfigJson.tree(ConfigJson.write(unusual()));
        assertTrue(ConfigJson.read(o.toString()).mutation().followLearningRate());
        ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("mutation")).remove("followLearningRate");
        assertFalse(ConfigJson.read(o.toString()).mutation().followLearningRate(),
                "a run stored before the rule is resumed in the space it searched");
        SearchConfig free = unusual().toBuilder().optMutation(unusual().mutation().withFollowLearningRate(false)).build();
        assertEquals(free, ConfigJson.read(ConfigJson.write(free)));
    }

    @Test
    void aConfigReadsBackEqualFromItsJson() {
        for (SearchConfig c : List.of(unusual(), Fixtures.config(50, 500))) {
            String json = ConfigJson.write(c);
            assertEquals(c, ConfigJson.read(json));
            assertEquals(json, ConfigJson.write(ConfigJson.read(json)), "canonical: the same text again");
        }
    }

    @Test
    void everyFieldOfTheConfigIsWritten() {
        JsonNode o = ConfigJson.tree(ConfigJson.write(unusual()));
        for (RecordComponent rc : SearchConfig.class.getRecordComponents()) {
            assertTrue(o.has(rc.getName()), "SearchConfig." + rc.getName() + " is missing from the JSON: " + o);
        }
        for (RecordComponent rc : MutationConfig.class.getRecordComponents()) {
            assertTrue(o.get("mutation").has(rc.getName()), "MutationConfig." + rc.getName() + " is missing");
        }
        assertEquals("90m", o.get("budget").asText());
        assertEquals("PT1M35S", o.get("evaluationLimit").asText());
        assertEquals(Fixtures.program(0.125).print(), o.get("start").asText());
    }

    @Test
    void aBrokenConfigNamesTheField() {
        String json = ConfigJson.write(unusual()).replace("\"seed\"", "\"sead\"");
        assertEquals("the stored search config lacks the field 'seed'",
                assertThrows(StoreException.class, () -> ConfigJson.read(json)).getMessage());
    }

    @Test
    void provenanceNeverFailsAndGitIsNullOutsideACheckout(@TempDir Path notARepo) {
        assertNull(RunInfo.gitCommit(notARepo));
        String commit = RunInfo.gitCommit(Path.of("").toAbsolutePath());
        assertTrue(commit == null || commit.matches("[0-9a-f]{40}"), commit);
        RunInfo info = RunInfo.of(unusual(), "optsearch search --mode constants");
        assertTrue(info.version().equals("dev") || Character.isDigit(info.version().charAt(0)), info.version());
        assertTrue(info.jvm().contains(System.getProperty("java.version")), info.jvm());
        assertEquals("optsearch " + info.version(), info.createdBy());
    }
}
