package org.optsearch.train.task.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.train.task.spec.TaskSpecs.Format;

/** Task files that must be refused, each with the exact one-line message it must get. */
class TaskSpecsBadFilesTest {

    /** A valid JSON task; the cases below break one thing in it. */
    static final String JSON = String.join("\n",
            "{",
            "  \"name\": \"my-task\",",
            "  \"model\": {\"type\": \"mlp\", \"hidden\": [128, 64]},",
            "  \"data\": {\"format\": \"idx\", \"trainImages\": \"a\", \"trainLabels\": \"b\", \"testImages\": \"c\", \"testLabels\": \"d\"},",
            "  \"train\": {\"steps\": 600, \"batchSize\": 64}",
            "}",
            "");

    /** A valid YAML task; the cases below break one thing in it. */
    static final String YAML = String.join("\n",
            "name: my-task",
            "model:",
            "  type: vit",
            "  patch: 7",
            "  dim: 64",
            "  depth: 2",
            "  heads: 4",
            "data:",
            "  format: idx",
            "  trainImages: a",
            "  trainLabels: b",
            "  testImages: c",
            "  testLabels: d",
            "train:",
            "  steps: 600",
            "");

    static final String TEXT_DATA = "\"data\": {\"format\": \"text\", \"path\": \"t.txt\"}";
    static final String CSV_DATA = "\"data\": {\"format\": \"csv\", \"path\": \"t.csv\", \"label\": \"y\", \"kind\": \"regression\"}";
    static final String IDX_DATA = JSON.lines().filter(l -> l.contains("\"data\"")).findFirst().orElseThrow().trim();

    static Arguments json(String story, String from, String to, String expected) {
        return Arguments.of(story, Format.JSON, replace(JSON, from, to), expected);
    }

    static Arguments yaml(String story, String from, String to, String expected) {
        return Arguments.of(story, Format.YAML, replace(YAML, from, to), expected);
    }

    private static String replace(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new IllegalArgumentException("the base task has no '" + from + "'");
        }
        return text.replace(from, to);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                // Bad values, with line:column of the value.
                json("negative layer width", "[128, 64]", "[128, -3]",
                        "bad.json:3:44: $.model.hidden[1]: must be a positive integer, got -3"),
                yaml("heads do not divide dim", "heads: 4", "heads: 5",
                        "bad.yaml:7:10: $.model.heads: dim 64 is not divisible by heads 5"),
                json("unknown data format", "\"idx\"", "\"tsv\"",
                        "bad.json:4:22: $.data.format: must be one of idx, text, csv, got 'tsv'"),
                yaml("unknown pooling", "heads: 4", "heads: 4\n  pool: max",
                        "bad.yaml:8:9: $.model.pool: must be one of cls, mean, got 'max'"),
                json("unknown activation", "[128, 64]", "[128, 64], \"activation\": \"sigmoid\"",
                        "bad.json:3:63: $.model.activation: must be one of relu, gelu, tanh, got 'sigmoid'"),
                json("unknown model type", "\"mlp\"", "\"cnn\"",
                        "bad.json:3:21: $.model.type: must be one of mlp, vit, charlm, got 'cnn'"),
                json("layer width too large", "[128, 64]", "[128, 100000]",
                        "bad.json:3:44: $.model.hidden[1]: must be at most 65536, got 100000"),
                yaml("zero depth", "depth: 2", "depth: 0",
                        "bad.yaml:6:10: $.model.depth: must be a positive integer, got 0"),
                json("zero steps", "\"steps\": 600", "\"steps\": 0",
                        "bad.json:5:22: $.train.steps: must be a positive integer, got 0"),
                json("batch too large", "\"batchSize\": 64", "\"batchSize\": 65537",
                        "bad.json:5:40: $.train.batchSize: must be at most 65536, got 65537"),
                json("warmup as long as training", "\"batchSize\": 64", "\"warmupSteps\": 600",
                        "bad.json:5:42: $.train.warmupSteps: must be less than steps (600), got 600"),
                json("more evaluations than steps", "\"batchSize\": 64", "\"evaluations\": 601",
                        "bad.json:5:42: $.train.evaluations: must be at most steps (600), got 601"),
                json("no evaluations", "\"batchSize\": 64", "\"evaluations\": 0",
                        "bad.json:5:42: $.train.evaluations: must be a positive integer, got 0"),
                json("negative train limit", "\"batchSize\": 64", "\"trainLimit\": -1",
                        "bad.json:5:41: $.train.trainLimit: must be an integer >= 0 (0 = all), got -1"),
                json("seed beyond 64 bits", "\"batchSize\": 64", "\"seed\": 99999999999999999999",
                        "bad.json:5:35: $.train.seed: must be at most 9223372036854775807, got 99999999999999999999"),
                json("empty path", "\"testImages\": \"c\"", "\"testImages\": \"\"",
                        "bad.json:4:83: $.data.testImages: must be a non-empty path, got ''"),
                json("blank name", "\"my-task\"", "\"my task\"",
                        "bad.json:2:11: $.name: must be 1-64 letters, digits, '.', '_' or '-', starting with a letter "
                                + "or digit, got 'my task'"),
                json("validation fraction above one half", IDX_DATA,
                        CSV_DATA.replace("}", ", \"validationFraction\": 0.7}") + ",",
                        "bad.json:4:104: $.data.validationFraction: must be a number in (0, 0.5], got 0.7"),
                json("zero validation fraction", IDX_DATA,
                        CSV_DATA.replace("}", ", \"validationFraction\": 0}") + ",",
                        "bad.json:4:104: $.data.validationFraction: must be a number in (0, 0.5], got 0"),
                // Wrong JSON types.
                json("string where a number is needed", "\"steps\": 600", "\"steps\": \"600\"",
                        "bad.json:5:22: $.train.steps: must be a positive integer, got string '600'"),
                json("fraction where an integer is needed", "\"steps\": 600", "\"steps\": 1.5",
                        "bad.json:5:22: $.train.steps: must be a positive integer, got 1.5"),
                yaml("a missing value is null", "steps: 600", "steps:",
                        "bad.yaml:15:9: $.train.steps: must be a positive integer, got null"),
                yaml("quoted number where a number is needed", "dim: 64", "dim: \"64\"",
                        "bad.yaml:5:8: $.model.dim: must be a positive integer, got string '64'"),
                json("number where a string is needed", "\"my-task\"", "5",
                        "bad.json:2:11: $.name: must be a string, got 5"),
                json("number where an enum is needed", "\"mlp\"", "3",
                        "bad.json:3:21: $.model.type: must be one of mlp, vit, charlm, got 3"),
                json("a number where a list is needed", "[128, 64]", "128",
                        "bad.json:3:38: $.model.hidden: must be a list, e.g. [128] or [256, 128], got 128"),
                json("null where an object is needed", "{\"type\": \"mlp\", \"hidden\": [128, 64]}", "null",
                        "bad.json:3:12: $.model: must be an object, got null"),
                json("a list where an object is needed", "{\"steps\": 600, \"batchSize\": 64}", "[600]",
                        "bad.json:5:12: $.train: must be an object, got a list"),
                json("boolean label", IDX_DATA, CSV_DATA.replace("\"y\"", "true") + ",",
                        "bad.json:4:55: $.data.label: must be a column name or a 0-based column index, got true"),
                json("negative label index", IDX_DATA, CSV_DATA.replace("\"y\"", "-1") + ",",
                        "bad.json:4:55: $.data.label: must be a column name or a 0-based column index, got -1"),
                // Missing keys: at the object that lacks them.
                json("no steps", "\"steps\": 600, ", "",
                        "bad.json:5:12: $.train.steps: required"),
                json("no name", "  \"name\": \"my-task\",\n", "",
                        "bad.json:1:1: $.name: required"),
                yaml("no model type", "  type: vit\n", "",
                        "bad.yaml:3:3: $.model.type: required; one of mlp, vit, charlm"),
                json("no csv kind", IDX_DATA, CSV_DATA.replace(", \"kind\": \"regression\"", "") + ",",
                        "bad.json:4:11: $.data.kind: required; one of classification, regression"),
                // Unknown keys: at the key, with a suggestion when one is near.
                json("misspelt key", "\"hidden\"", "\"hiden\"",
                        "bad.json:3:28: $.model: unknown key 'hiden'; did you mean 'hidden'?"),
                json("snake_case key", "\"batchSize\"", "\"batch_size\"",
                        "bad.json:5:27: $.train: unknown key 'batch_size'; did you mean 'batchSize'?"),
                json("misspelt top-level key", "\"train\"", "\"trian\"",
                        "bad.json:5:3: $: unknown key 'trian'; did you mean 'train'?"),
                json("key with no near match", "\"batchSize\": 64", "\"lr\": 0.1",
                        "bad.json:5:27: $.train: unknown key 'lr'; allowed keys: steps, batchSize, warmupSteps, seed, "
                                + "trainLimit, evaluations"),
                yaml("key of another model type", "  depth: 2\n", "  depth: 2\n  hidden: [128]\n",
                        "bad.yaml:7:3: $.model: unknown key 'hidden'; a vit model takes: type, patch, dim, depth, heads, "
                                + "pool, mlpRatio"),
                json("key that is not an identifier", "\"hidden\": [128, 64]", "\"hidden\": [128, 64], \"a b\": 1",
                        "bad.json:3:49: $.model: unknown key 'a b'; an mlp model takes: type, hidden, activation"),
                json("duplicate key", "\"batchSize\": 64", "\"steps\": 601",
                        "bad.json:5:27: $.train: duplicate key 'steps'"),
                yaml("duplicate key in YAML", "  steps: 600", "  steps: 600\n  steps: 601",
                        "bad.yaml:16:3: $.train: duplicate key 'steps'"),
                // Model and data that do not go together: at data.format, naming model.type.
                json("mlp on text", IDX_DATA, TEXT_DATA + ",",
                        "bad.json:4:22: $.data.format: model type 'mlp' ($.model.type) needs data format idx or csv, "
                                + "got 'text'"),
                yaml("vit on csv", "  format: idx\n  trainImages: a\n  trainLabels: b\n  testImages: c\n  testLabels: d\n",
                        "  format: csv\n  path: t.csv\n  label: 0\n  kind: classification\n",
                        "bad.yaml:9:11: $.data.format: model type 'vit' ($.model.type) needs data format idx, got 'csv'"),
                json("charlm on idx", "{\"type\": \"mlp\", \"hidden\": [128, 64]}",
                        "{\"type\": \"charlm\", \"context\": 8, \"dim\": 8, \"depth\": 1, \"heads\": 1}",
                        "bad.json:4:22: $.data.format: model type 'charlm' ($.model.type) needs data format text, got 'idx'"),
                // Not an object at all.
                Arguments.of("top level is a list", Format.JSON, "[1, 2]",
                        "bad.json:1:1: $: must be an object with keys name, model, data, train, got a list"),
                Arguments.of("top level is a YAML scalar", Format.YAML, "hello\n",
                        "bad.yaml:1:1: $: must be an object with keys name, model, data, train, got string 'hello'"),
                Arguments.of("empty JSON", Format.JSON, "",
                        "bad.json: the file is empty; a task file is an object with keys name, model, data, train"),
                Arguments.of("JSON holding only a comment", Format.JSON, "// nothing yet\n",
                        "bad.json: the file is empty; a task file is an object with keys name, model, data, train"),
                Arguments.of("YAML holding only a comment", Format.YAML, "# nothing yet\n\n",
                        "bad.yaml: the file is empty; a task file is an object with keys name, model, data, train"),
                // Malformed syntax: Jackson's (or SnakeYAML's) complaint on one line, at its location.
                json("missing comma", "\"batchSize\": 64}", "\"batchSize\": 64 \"seed\": 2}",
                        "bad.json:5:43: malformed JSON: unexpected character ('\"' (code 34)): was expecting comma to "
                                + "separate Object entries"),
                json("unquoted key", "\"name\"", "name",
                        "bad.json:2:3: malformed JSON: unexpected character ('n' (code 110)): was expecting double-quote "
                                + "to start field name"),
                json("unclosed object", "\n}\n", "\n",
                        "bad.json:6:1: malformed JSON: unexpected end-of-input: expected close marker for Object "
                                + "(start marker at 1:1)"),
                json("second object", "\n}\n", "\n}\n{}\n",
                        "bad.json:7:1: unexpected content after the top-level object; a task file holds one object"),
                yaml("bad indentation", "  dim: 64", "   dim: 64",
                        "bad.yaml:5:7: malformed YAML: mapping values are not allowed here"),
                yaml("unclosed flow list", "train:\n  steps: 600\n", "train: {steps: 600\n",
                        "bad.yaml:15:1: malformed YAML: expected ',' or '}', but got <stream end> "
                                + "(while parsing a flow mapping at 14:8)"),
                yaml("tab indentation", "  steps: 600", "\tsteps: 600",
                        "bad.yaml:15:1: malformed YAML: found character '\\t(TAB)' that cannot start any token. "
                                + "(Do not use \\t(TAB) for indentation) (while scanning for the next token)"),
                yaml("second YAML document", "train:\n", "---\ntrain:\n",
                        "bad.yaml:15:1: a second YAML document; a task file holds one"),
                yaml("YAML alias", "  depth: 2", "  depth: &d 2\n  heads: *d",
                        "bad.yaml:7:10: YAML aliases (*d) are not supported; write the value out"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedWithExactMessage(String story, Format format, String text, String expected) {
        String name = "bad." + format.name().toLowerCase();
        TaskSpecException e = assertThrows(TaskSpecException.class,
                () -> TaskSpecs.parse(text, format, TaskSpecsGoodFilesTest.BASE, name), story);
        assertEquals(expected, e.getMessage(), story);
    }
}
