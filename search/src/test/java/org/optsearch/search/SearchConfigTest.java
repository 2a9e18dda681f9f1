package org.optsearch.search;

import org.optsearch.search.calibrate.Calibration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.lang.Program;
import org.optsearch.search.mutate.MutationConfig;

class SearchConfigTest {
    private static final Program SGD = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");

    private static SearchConfig.Builder minimal() {
        return SearchConfig.builder().setStart(SGD, "sgd").setStageA(List.of("digits-mlp:S"))
                .setBudget(Budget.parse("10-evals"));
    }

    @Test
    void theRequiredSettingsAreEnoughAndTheRestHaveDefaults() {
        SearchConfig c = minimal().build();
        assertEquals(new SearchConfig(Mode.EVOLVE, 50, 2, Budget.parse("10-evals"), 1, SGD, "sgd",
                List.of("digits-mlp:S"), List.of(), List.of(), 0.1, 0, 0, MutationConfig.defaults(), 0,
                Duration.ofMinutes(10), false, Calibration.Plan.off(), false), c);
        assertEquals(c, c.toBuilder().build(), "a config's builder builds it again");
        assertEquals(7, c.toBuilder().optSeed(7).build().seed());
        assertEquals(Budget.parse("1h"), c.withBudget(Budget.parse("1h")).budget());
        assertEquals(4, c.withWorkers(4).workers());
    }

    @Test
    void aStageThatRecalibratesHasTheLimitTimesWhatRecalibrationCosts() {
        SearchConfig c = minimal().optEvaluationLimit(Duration.ofMinutes(10))
                .optRecalibration(Calibration.Plan.halfDecades(3, 3)).build();
        assertEquals(Duration.ofMinutes(10), c.evaluationLimit(StageName.A));
        assertEquals(Duration.ofMinutes(10), c.evaluationLimit(StageName.A2));
        assertEquals(Duration.ofSeconds(1650), c.evaluationLimit(StageName.B), "3x3 costs 2.75 trainings");
        assertEquals(Duration.ofSeconds(1650), c.evaluationLimit(StageName.C));
        SearchConfig off = c.toBuilder().optRecalibration(Calibration.Plan.off()).build();
        assertEquals(Duration.ofMinutes(10), off.evaluationLimit(StageName.C));
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.setStart(null, "x"),
                        "search config: start program is not set (setStart)"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.setStageA(List.of()),
                        "search config: stage A needs at least one task (setStageA)"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.setBudget(null),
                        "search config: budget is not set (setBudget)"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.optWorkers(0),
                        "search config: workers must be >= 1, got 0"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.optPromoteFraction(1.5),
                        "search config: promote fraction must be in [0, 1], got 1.5"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.optHurdleFactor(-1),
                        "search config: hurdle factor must be >= 0, got -1.0"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.optPlateau(-3),
                        "search config: plateau must be >= 0, got -3"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.optEvaluationLimit(Duration.ZERO),
                        "search config: evaluation limit must be > 0, got PT0S"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.optPopulation(0, 1),
                        "population size must be >= 1, got 0"),
                Arguments.of((UnaryOperator<SearchConfig.Builder>) b -> b.optPopulation(10, 11),
                        "tournament size must be in 1..10, got 11"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void aMissingOrInvalidSettingIsNamed(UnaryOperator<SearchConfig.Builder> change, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> change.apply(minimal()).build());
        assertEquals(message, e.getMessage());
    }
}
