package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;

class SearchSpaceTest {
    private static final String SPACE = """
            {"parameters": {
              "lr_scale": {"min": 1e-4, "max": 1e-2, "scale": "log"},
              "beta1": {"min": 0.01, "max": 0.3, "scale": "log", "sample": "one-minus"},
              "warmup": {"min": 0.0, "max": 0.1, "scale": "linear"}}}
            """;

    @Test
    void trialsAreDeterministicBySeedAndDifferAcrossSeeds() {
        SearchSpace space = SearchSpace.parse(SPACE, false, "space.json");
        List<SearchSpace.Trial> a = space.trials(30, 7);
        assertEquals(a, space.trials(30, 7));
        assertNotEquals(a, space.trials(30, 8));
        assertEquals(a.subList(0, 10), space.trials(10, 7));
    }

    @Test
    void trialsStayInsideTheBoxAndOneMinusSamplesTheComplement() {
        for (SearchSpace.Trial t : SearchSpace.parse(SPACE, false, "s").trials(200, 3)) {
            double lr = t.hyperparameters().get("lr_scale");
            double beta1 = t.hyperparameters().get("beta1");
            assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr " + lr);
            assertTrue(beta1 >= 0.7 && beta1 <= 0.99, "beta1 " + beta1);
            assertTrue(t.warmupFraction() >= 0 && t.warmupFraction() <= 0.1);
            assertEquals(2, t.hyperparameters().size(), "warm-up is not a program hyperparameter");
        }
    }

    @Test
    void halfOfTheTrialsFallInEachHalfOfTheLogRange() {
        // Quasi-random: the first 64 points split a dimension evenly (32 below the log midpoint 1e-3).
        long below = SearchSpace.parse(SPACE, false, "s").trials(64, 0).stream()
                .filter(t -> t.hyperparameters().get("lr_scale") < 1e-3).count();
        assertTrue(Math.abs(below - 32) <= 1, "below the midpoint: " + below);
    }

    @Test
    void yamlFilesAreReadLikeJson(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("space.yaml");
        Files.writeString(f, "parameters:\n  lr_scale: {min: 0.001, max: 0.1, scale: log}\n");
        SearchSpace space = SearchSpace.read(f);
        assertEquals("lr_scale", space.parameters().get(0).name());
    }

    @Test
    void badFilesSayWhatAndWhere() {
        assertMessage("{\"parameters\": {\"lr_scale\": {\"min\": 0, \"max\": 1, \"scale\": \"log\"}}}",
                "s.json: $.parameters.lr_scale: a log scale needs min > 0, got 0.0; use \"scale\": \"linear\"");
        assertMessage("{\"parameters\": {\"lr_scale\": {\"min\": 1, \"max\": 0.1, \"scale\": \"log\"}}}",
                "min (1.0) must be <= max (0.1)");
        assertMessage("{\"parameters\": {\"lr_scale\": {\"min\": 1, \"max\": 2, \"scale\": \"cubic\"}}}",
                "$.parameters.lr_scale.scale: must be \"log\" or \"linear\", got \"cubic\"");
        assertMessage("{\"parameters\": {\"lr_scale\": {\"mn\": 1, \"max\": 2, \"scale\": \"log\"}}}",
                "unknown key 'mn'; did you mean 'min'?");
        assertMessage("{\"params\": {}}", "unknown key 'params'");
        assertMessage("{\"parameters\": {\"warmup\": {\"min\": 0, \"max\": 1.5, \"scale\": \"linear\"}}}",
                "the warm-up fraction must lie in [0, 1)");
        assertMessage("{\"parameters\": {\"step_scale\": {\"min\": 0, \"max\": 3, \"scale\": \"linear\"}}}",
                "$.parameters.step_scale: the factor on the update must be > 0");
        assertMessage("{\"parameters\": ", "s.json:1:");
    }

    @Test
    void aParameterTheProgramDoesNotDeclareIsNamed() {
        SearchSpace space = SearchSpace.parse("{\"parameters\": {\"betta1\": {\"min\": 0.1, \"max\": 0.2, \"scale\": \"linear\"}}}",
                false, "s.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> space.checkAgainst(Baselines.ADAMW.program(), "adamw"));
        assertTrue(e.getMessage().contains("'betta1' is not a hyperparameter of adamw; did you mean 'beta1'?"),
                e.getMessage());
    }

    @Test
    void shippedBaselineSpacesFitTheirPrograms() {
        for (Baselines b : Baselines.values()) {
            b.space().checkAgainst(b.program(), b.id());
            // a baseline's recorded result holds its hyperparameters and warm-up, not a factor on the update
            assertTrue(b.space().parameters().stream().noneMatch(p -> p.name().equals(SearchSpace.STEP_SCALE)), b.id());
        }
    }

    @Test
    void aStepScaleTunesAProgramWithoutHyperparametersByScalingItsUpdate() {
        // a search's result declares nothing: only its step size (and the warm-up) can be tuned
        Program found = Program.parse("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  update = m * lr
                  return update, m
                """);
        SearchSpace space = SearchSpace.parse("parameters:\n  step_scale: {min: 0.1, max: 30, scale: log}\n"
                + "  warmup: {min: 0.02, max: 0.2, scale: linear}\n", true, "step.yaml");
        space.checkAgainst(found, "found.opt");
        List<SearchSpace.Trial> trials = space.trials(40, 1);
        for (SearchSpace.Trial t : trials) {
            assertTrue(t.stepScale() >= 0.1 && t.stepScale() <= 30, "step scale " + t.stepScale());
            assertTrue(t.hyperparameters().isEmpty(), "the step scale is not a program hyperparameter");
        }
        SearchSpace.Trial t = trials.get(3);
        float[] w = new float[3]; // at zero the step is read without cancellation
        float[] g = {0.1f, -0.3f, 0.2f};
        float[] w1 = w.clone();
        float[] w2 = w.clone();
        Executor.reference(found, ParamLayout.single(3)).step(w1, g, new float[][] {new float[3]}, 0.01f);
        Executor.reference(t.apply(found), ParamLayout.single(3)).step(w2, g, new float[][] {new float[3]}, 0.01f);
        for (int i = 0; i < 3; i++) {
            assertEquals(t.stepScale() * (w[i] - w1[i]), w[i] - w2[i], 1e-4 * Math.abs(w2[i]), "element " + i); // k is folded to 5 digits
        }
        // without step_scale in the space, a trial trains the program's update as written
        SearchSpace.Trial plain = SearchSpace.parse(SPACE, false, "s").trials(1, 1).get(0);
        assertEquals(1.0, plain.stepScale());
        Program adamw = Baselines.ADAMW.program();
        assertEquals(adamw.withHyperparameters(plain.hyperparameters()).print(), plain.apply(adamw).print());
    }

    private static void assertMessage(String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.parse(text, false, "s.json"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
