package org.optsearch.train.task.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.train.task.spec.DataSpec.Csv;
import org.optsearch.train.task.spec.TaskSpecs.Format;

/** {@link TaskSpecs#write} gives canonical JSON that reads back as the same spec. */
class TaskSpecsRoundTripTest {

    static final Path BASE = TaskSpecsGoodFilesTest.BASE;

    static Stream<TaskSpec> specs() {
        return TaskSpecsGoodFilesTest.goodFiles().map(a -> (TaskSpec) a.get()[3]);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void specWrittenWithAbsolutePathsReadsBackEqualFromAnyFolder(TaskSpec spec) {
        String json = TaskSpecs.write(spec);
        assertEquals(spec, TaskSpecs.parse(json, Format.JSON, BASE, "written.json"));
        assertEquals(spec, TaskSpecs.parse(json, Format.JSON, BASE.resolve("elsewhere/deeper"), "written.json"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void specWrittenRelativeToAFolderReadsBackEqualFromThatFolder(TaskSpec spec) {
        Path folder = BASE.resolve("runs/7");
        String json = TaskSpecs.write(spec, folder);
        assertEquals(spec, TaskSpecs.parse(json, Format.JSON, folder, "written.json"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void canonicalTextIsAFixedPoint(TaskSpec spec) {
        String json = TaskSpecs.write(spec, BASE);
        assertEquals(json, TaskSpecs.write(TaskSpecs.parse(json, Format.JSON, BASE, "written.json"), BASE));
    }

    @Test
    void canonicalJsonWritesEveryKeyInSchemaOrderWithRelativePaths() {
        TaskSpec spec = new TaskSpec("iris", new ModelSpec.Mlp(List.of(16, 8), ActivationKind.RELU),
                new Csv(BASE.resolve("data/iris.csv"), LabelColumn.index(4), Csv.Kind.CLASSIFICATION, 0.2),
                TrainSpec.withDefaults(300));
        assertEquals(String.join("\n",
                "{",
                "  \"name\": \"iris\",",
                "  \"model\": {",
                "    \"type\": \"mlp\",",
                "    \"hidden\": [16, 8],",
                "    \"activation\": \"relu\"",
                "  },",
                "  \"data\": {",
                "    \"format\": \"csv\",",
                "    \"path\": \"../data/iris.csv\",",
                "    \"label\": 4,",
                "    \"kind\": \"classification\",",
                "    \"validationFraction\": 0.2,",
                "    \"header\": true,",
                "    \"drop\": [],",
                "    \"missing\": \"error\",",
                "    \"categorical\": {}",
                "  },",
                "  \"train\": {",
                "    \"steps\": 300,",
                "    \"batchSize\": 64,",
                "    \"warmupSteps\": 30,",
                "    \"seed\": 1,",
                "    \"trainLimit\": 0,",
                "    \"evaluations\": 5",
                "  }",
                "}",
                ""), TaskSpecs.write(spec, BASE.resolve("runs")));
    }

    @Test
    void emptyLayerListAndFolderItselfAreWrittenReadably() {
        TaskSpec spec = new TaskSpec("lin", new ModelSpec.Mlp(List.of(), ActivationKind.TANH),
                new DataSpec.Idx(BASE, BASE.resolve("a"), BASE.resolve("b"), BASE.resolve("c")),
                TrainSpec.withDefaults(1));
        String json = TaskSpecs.write(spec, BASE);
        assertTrue(json.contains("\"hidden\": [],"), json);
        assertTrue(json.contains("\"trainImages\": \".\","), json);
        assertEquals(spec, TaskSpecs.parse(json, Format.JSON, BASE, "written.json"));
    }
}
