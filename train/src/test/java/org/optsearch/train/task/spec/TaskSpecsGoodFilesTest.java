package org.optsearch.train.task.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.train.task.spec.DataSpec.Csv;
import org.optsearch.train.task.spec.TaskSpecs.Format;

/** Task files that must be accepted, and the spec each must read as (defaults filled in). */
class TaskSpecsGoodFilesTest {

    /** Where the in-memory task files "live"; relative data paths resolve against it. */
    static final Path BASE = Path.of("tasks").toAbsolutePath();

    static final String MNIST_JSON = "\"format\": \"idx\", \"trainImages\": \"mnist/train-images.gz\", "
            + "\"trainLabels\": \"mnist/train-labels.gz\", \"testImages\": \"mnist/t10k-images.gz\", "
            + "\"testLabels\": \"mnist/t10k-labels.gz\"";
    static final String MNIST_YAML = "data:\n  format: idx\n  trainImages: mnist/train-images.gz\n"
            + "  trainLabels: mnist/train-labels.gz\n  testImages: mnist/t10k-images.gz\n"
            + "  testLabels: mnist/t10k-labels.gz\n";
    static final DataSpec MNIST = new DataSpec.Idx(BASE.resolve("mnist/train-images.gz"),
            BASE.resolve("mnist/train-labels.gz"), BASE.resolve("mnist/t10k-images.gz"),
            BASE.resolve("mnist/t10k-labels.gz"));

    /** Each file, its format, and the spec it must read as. */
    static Stream<Arguments> goodFiles() {
        return Stream.of(
                Arguments.of("json mlp on idx, every key given, with comments and trailing commas", Format.JSON,
                        "// A small MLP on MNIST.\n{\"name\": \"mnist-mlp\",\n"
                                + " \"model\": {\"type\": \"mlp\", \"hidden\": [256, 128,], \"activation\": \"gelu\"},"
                                + " /* block comment */\n"
                                + " \"data\": {" + MNIST_JSON + "},\n"
                                + " \"train\": {\"steps\": 600, \"batchSize\": 128, \"warmupSteps\": 0, \"seed\": -7,"
                                + " \"trainLimit\": 10000, \"evaluations\": 12,},\n}\n",
                        new TaskSpec("mnist-mlp", new ModelSpec.Mlp(List.of(256, 128), ActivationKind.GELU), MNIST,
                                new TrainSpec(600, 128, 0, -7, 10000, 12))),
                Arguments.of("json mlp on idx, defaults", Format.JSON,
                        "{\"name\": \"m\", \"model\": {\"type\": \"mlp\", \"hidden\": [128]},"
                                + " \"data\": {" + MNIST_JSON + "}, \"train\": {\"steps\": 600}}",
                        new TaskSpec("m", new ModelSpec.Mlp(List.of(128), ActivationKind.RELU), MNIST,
                                new TrainSpec(600, 64, 60, 1, 0, 5))),
                Arguments.of("json mlp with no hidden layers is a linear model", Format.JSON,
                        "{\"name\": \"linear\", \"model\": {\"type\": \"mlp\", \"hidden\": []},"
                                + " \"data\": {" + MNIST_JSON + "}, \"train\": {\"steps\": 3}}",
                        new TaskSpec("linear", new ModelSpec.Mlp(List.of(), ActivationKind.RELU), MNIST,
                                new TrainSpec(3, 64, 0, 1, 0, 3))),
                Arguments.of("yaml vit on idx, defaults", Format.YAML,
                        "name: mnist-vit\nmodel:\n  type: vit\n  patch: 7\n  dim: 64\n  depth: 2\n  heads: 4\n"
                                + MNIST_YAML + "train:\n  steps: 1000\n",
                        new TaskSpec("mnist-vit", new ModelSpec.Vit(7, 64, 2, 4, Pooling.MEAN, 2), MNIST,
                                new TrainSpec(1000, 64, 100, 1, 0, 5))),
                Arguments.of("yaml vit on idx, every key given, flow style and comments", Format.YAML,
                        "# ViT with a class token\nname: vit.cls_1\n"
                                + "model: {type: vit, patch: 4, dim: 96, depth: 3, heads: 6, pool: cls, mlpRatio: 4}\n"
                                + MNIST_YAML
                                + "train: {steps: 200, batchSize: 32, warmupSteps: 20, seed: 42, trainLimit: 5000,"
                                + " evaluations: 200}  # one evaluation per step\n",
                        new TaskSpec("vit.cls_1", new ModelSpec.Vit(4, 96, 3, 6, Pooling.CLS, 4), MNIST,
                                new TrainSpec(200, 32, 20, 42, 5000, 200))),
                Arguments.of("json charlm on text, defaults", Format.JSON,
                        "{\"name\": \"shakespeare\", \"model\": {\"type\": \"charlm\", \"context\": 64, \"dim\": 64,"
                                + " \"depth\": 2, \"heads\": 4}, \"data\": {\"format\": \"text\", \"path\": \"tiny.txt\"},"
                                + " \"train\": {\"steps\": 50}}",
                        new TaskSpec("shakespeare", new ModelSpec.CharLm(64, 64, 2, 4, 2),
                                new DataSpec.Text(BASE.resolve("tiny.txt"), 0.1), new TrainSpec(50, 64, 5, 1, 0, 5))),
                Arguments.of("yaml charlm on text, every key given", Format.YAML,
                        "name: lm\nmodel:\n  type: charlm\n  context: 128\n  dim: 48\n  depth: 1\n  heads: 3\n"
                                + "  mlpRatio: 3\ndata:\n  format: text\n  path: corpora/tiny.txt.gz\n"
                                + "  validationFraction: 0.5\ntrain:\n  steps: 10\n  warmupSteps: 9\n  evaluations: 1\n",
                        new TaskSpec("lm", new ModelSpec.CharLm(128, 48, 1, 3, 3),
                                new DataSpec.Text(BASE.resolve("corpora/tiny.txt.gz"), 0.5),
                                new TrainSpec(10, 64, 9, 1, 0, 1))),
                Arguments.of("json mlp on csv, label by name, defaults", Format.JSON,
                        "{\"name\": \"iris\", \"model\": {\"type\": \"mlp\", \"hidden\": [16, 16], \"activation\": \"tanh\"},"
                                + " \"data\": {\"format\": \"csv\", \"path\": \"iris.csv\", \"label\": \"species\","
                                + " \"kind\": \"classification\"}, \"train\": {\"steps\": 300}}",
                        new TaskSpec("iris", new ModelSpec.Mlp(List.of(16, 16), ActivationKind.TANH),
                                new Csv(BASE.resolve("iris.csv"), LabelColumn.named("species"), Csv.Kind.CLASSIFICATION, 0.2),
                                new TrainSpec(300, 64, 30, 1, 0, 5))),
                Arguments.of("yaml mlp on csv, label by index, regression", Format.YAML,
                        "name: housing\nmodel:\n  type: mlp\n  hidden: [64]\ndata:\n  format: csv\n  path: housing.csv\n"
                                + "  label: 8\n  kind: regression\n  validationFraction: 0.25\ntrain:\n  steps: 100\n",
                        new TaskSpec("housing", new ModelSpec.Mlp(List.of(64), ActivationKind.RELU),
                                new Csv(BASE.resolve("housing.csv"), LabelColumn.index(8), Csv.Kind.REGRESSION, 0.25),
                                new TrainSpec(100, 64, 10, 1, 0, 5))),
                Arguments.of("a quoted number is a column name", Format.YAML,
                        "name: q\nmodel: {type: mlp, hidden: [8]}\n"
                                + "data: {format: csv, path: q.csv, label: '8', kind: regression}\ntrain: {steps: 10}\n",
                        new TaskSpec("q", new ModelSpec.Mlp(List.of(8), ActivationKind.RELU),
                                new Csv(BASE.resolve("q.csv"), LabelColumn.named("8"), Csv.Kind.REGRESSION, 0.2),
                                new TrainSpec(10, 64, 1, 1, 0, 5))),
                Arguments.of("paths: .. and . are resolved, absolute paths kept", Format.JSON,
                        "{\"name\": \"p\", \"model\": {\"type\": \"charlm\", \"context\": 8, \"dim\": 8, \"depth\": 1,"
                                + " \"heads\": 1}, \"data\": {\"format\": \"text\", \"path\": \"./../data/./x/../tiny.txt\"},"
                                + " \"train\": {\"steps\": 10}}",
                        new TaskSpec("p", new ModelSpec.CharLm(8, 8, 1, 1, 2),
                                new DataSpec.Text(BASE.getParent().resolve("data/tiny.txt"), 0.1),
                                new TrainSpec(10, 64, 1, 1, 0, 5))),
                Arguments.of("integral numbers may be written with an exponent or a .0", Format.YAML,
                        "name: e\nmodel: {type: mlp, hidden: [1.28e2]}\n" + MNIST_YAML
                                + "train: {steps: 1e3, batchSize: 64.0, seed: 12345678901}\n",
                        new TaskSpec("e", new ModelSpec.Mlp(List.of(128), ActivationKind.RELU), MNIST,
                                new TrainSpec(1000, 64, 100, 12345678901L, 0, 5))),
                Arguments.of("a byte-order mark is skipped; keys may come in any order", Format.JSON,
                        "\uFEFF{\"train\": {\"evaluations\": 2, \"steps\": 4}, \"data\": {" + MNIST_JSON + "},"
                                + " \"model\": {\"hidden\": [2], \"type\": \"mlp\"}, \"name\": \"b\"}",
                        new TaskSpec("b", new ModelSpec.Mlp(List.of(2), ActivationKind.RELU), MNIST,
                                new TrainSpec(4, 64, 0, 1, 0, 2))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodFiles")
    void goodFileReadsAsExpectedSpec(String story, Format format, String text, TaskSpec expected) {
        assertEquals(expected, TaskSpecs.parse(text, format, BASE, "good." + format.name().toLowerCase()));
    }

    @Test
    void relativePathsResolveAgainstTheTaskFilesFolder(@TempDir Path dir) throws IOException {
        Path tasks = Files.createDirectories(dir.resolve("tasks"));
        Path file = Files.writeString(tasks.resolve("lm.yml"),
                "name: lm\nmodel: {type: charlm, context: 16, dim: 16, depth: 1, heads: 2}\n"
                        + "data: {format: text, path: ../corpora/tiny.txt}\ntrain: {steps: 20}\n");
        TaskSpec spec = TaskSpecs.read(file);
        assertEquals(new DataSpec.Text(dir.toAbsolutePath().resolve("corpora/tiny.txt").normalize(), 0.1), spec.data());
    }

    @Test
    void extensionChoosesTheSyntaxWhateverItsCase(@TempDir Path dir) throws IOException {
        String json = "{\"name\": \"x\", \"model\": {\"type\": \"mlp\", \"hidden\": [4]}, \"data\": {\"format\": \"csv\","
                + " \"path\": \"x.csv\", \"label\": 0, \"kind\": \"regression\"}, \"train\": {\"steps\": 10}}";
        TaskSpec fromJson = TaskSpecs.read(Files.writeString(dir.resolve("x.JSON"), json));
        // JSON is YAML too, so the same text read as .yaml must give the same spec.
        TaskSpec fromYaml = TaskSpecs.read(Files.writeString(dir.resolve("x.yaml"), json));
        assertEquals(fromJson, fromYaml);
        assertEquals(Format.YAML, Format.of(Path.of("a.YML")));
    }
}
