package org.optsearch.train.task.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.train.task.spec.DataSpec.Csv;

/** Specs built in code keep the same invariants as specs read from files. */
class SpecRecordsTest {

    static final Path ABS = Path.of("data").toAbsolutePath();
    static final DataSpec TEXT = new DataSpec.Text(ABS.resolve("t.txt"), 0.1);
    static final ModelSpec LM = new ModelSpec.CharLm(8, 8, 1, 1, 2);

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> new ModelSpec.Mlp(List.of(128, 0), ActivationKind.RELU),
                        "hidden[1] must be in 1..65536, got 0"),
                Arguments.of((Supplier<Object>) () -> new ModelSpec.Vit(7, 64, 2, 5, Pooling.MEAN, 2),
                        "dim 64 is not divisible by heads 5"),
                Arguments.of((Supplier<Object>) () -> new ModelSpec.CharLm(0, 8, 1, 1, 2),
                        "context must be in 1..65536, got 0"),
                Arguments.of((Supplier<Object>) () -> new DataSpec.Text(Path.of("relative.txt"), 0.1),
                        "path must be an absolute path, got 'relative.txt'"),
                Arguments.of((Supplier<Object>) () -> new DataSpec.Text(ABS, 0.6),
                        "validationFraction must be in (0, 0.5], got 0.6"),
                Arguments.of((Supplier<Object>) () -> new DataSpec.Text(ABS, Double.NaN),
                        "validationFraction must be in (0, 0.5], got NaN"),
                Arguments.of((Supplier<Object>) () -> LabelColumn.index(-1),
                        "label column index must be >= 0, got -1"),
                Arguments.of((Supplier<Object>) () -> new TrainSpec(0, 64, 0, 1, 0, 1),
                        "steps must be > 0, got 0"),
                Arguments.of((Supplier<Object>) () -> new TrainSpec(10, 64, 10, 1, 0, 1),
                        "warmupSteps must be in 0..9 (below steps), got 10"),
                Arguments.of((Supplier<Object>) () -> new TrainSpec(10, 64, 0, 1, 0, 11),
                        "evaluations must be in 1..10 (steps), got 11"),
                Arguments.of((Supplier<Object>) () -> new TrainSpec(10, 64, 0, 1, -1, 1),
                        "trainLimit must be >= 0 (0 = all), got -1"),
                Arguments.of((Supplier<Object>) () -> new TaskSpec("a b", LM, TEXT, TrainSpec.withDefaults(10)),
                        "name must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got 'a b'"),
                Arguments.of((Supplier<Object>) () -> new TaskSpec("t", LM,
                                new DataSpec.Idx(ABS, ABS, ABS, ABS), TrainSpec.withDefaults(10)),
                        "a charlm model cannot train on idx data"));
    }

    @ParameterizedTest
    @MethodSource("invalidRecords")
    void invalidRecordIsRefused(Supplier<Object> build, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, build::get).getMessage());
    }

    @Test
    void layerListIsCopied() {
        List<Integer> widths = new ArrayList<>(List.of(4));
        ModelSpec.Mlp mlp = new ModelSpec.Mlp(widths, ActivationKind.RELU);
        widths.add(8);
        assertEquals(List.of(4), mlp.hidden());
    }

    @Test
    void pathsAreNormalizedSoEqualFilesCompareEqual() {
        assertEquals(new DataSpec.Text(ABS.resolve("t.txt"), 0.1), new DataSpec.Text(ABS.resolve("x/../t.txt"), 0.1));
    }

    @Test
    void defaultsFollowTheSteps() {
        assertEquals(new TrainSpec(600, 64, 60, 1, 0, 5), TrainSpec.withDefaults(600));
        assertEquals(new TrainSpec(3, 64, 0, 1, 0, 3), TrainSpec.withDefaults(3));
    }

    @Test
    void eachModelNamesTheDataItCanTrainOn() {
        assertEquals("idx csv | idx | text", String.join(" | ",
                Stream.of(ModelType.values()).map(t -> String.join(" ",
                        t.dataFormats().stream().map(DataFormat::key).toList())).toList()));
        assertEquals("regression", Csv.Kind.REGRESSION.key());
    }
}
