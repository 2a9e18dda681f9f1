package org.optsearch.train.task.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.train.task.spec.DataSpec.Csv;
import org.optsearch.train.task.spec.TaskSpecs.Format;

/** The CSV keys for the tables users have: header, drop, missing, categorical. */
class CsvDataSpecTest {

    private static final String TOP = "name: t\nmodel: {type: mlp, hidden: [8]}\ntrain: {steps: 10}\n";

    private static DataSpec data(String yaml) {
        return TaskSpecs.parse(TOP + yaml, Format.YAML, TaskSpecsGoodFilesTest.BASE, "t.yaml").data();
    }

    @Test
    void everyNewKeyIsReadAndWrittenBack() {
        DataSpec d = data("""
                data:
                  format: csv
                  path: people.csv
                  label: income
                  kind: regression
                  drop: [id, notes]
                  missing: mean
                  categorical: {city: onehot, education: ordinal}
                """);
        Csv expected = new Csv(TaskSpecsGoodFilesTest.BASE.resolve("people.csv"), LabelColumn.named("income"),
                Csv.Kind.REGRESSION, 0.2, true, List.of(LabelColumn.named("id"), LabelColumn.named("notes")),
                Csv.Missing.MEAN, Map.of(LabelColumn.named("city"), Csv.Encoding.ONEHOT,
                        LabelColumn.named("education"), Csv.Encoding.ORDINAL));
        assertEquals(expected, d);
        TaskSpec spec = new TaskSpec("t", new ModelSpec.Mlp(List.of(8), ActivationKind.RELU), d,
                TrainSpec.withDefaults(10));
        String json = TaskSpecs.write(spec);
        assertEquals(spec, TaskSpecs.parse(json, Format.JSON, TaskSpecsGoodFilesTest.BASE, "w.json"));
        assertEquals(true, json.contains("\"categorical\": {\n      \"city\": \"onehot\",\n      \"education\": \"ordinal\"\n    }"),
                json);
    }

    @Test
    void withoutAHeaderColumnsAreIndexes() {
        DataSpec d = data("data: {format: csv, path: x.csv, header: false, label: 4, kind: classification,"
                + " drop: [0], categorical: {\"2\": onehot}}\n");
        assertEquals(new Csv(TaskSpecsGoodFilesTest.BASE.resolve("x.csv"), LabelColumn.index(4),
                Csv.Kind.CLASSIFICATION, 0.2, false, List.of(LabelColumn.index(0)), Csv.Missing.ERROR,
                Map.of(LabelColumn.index(2), Csv.Encoding.ONEHOT)), d);
    }

    @Test
    void oldFilesMeanWhatTheyMeant() {
        assertEquals(new Csv(TaskSpecsGoodFilesTest.BASE.resolve("x.csv"), LabelColumn.named("y"),
                        Csv.Kind.CLASSIFICATION, 0.2),
                data("data: {format: csv, path: x.csv, label: y, kind: classification}\n"));
    }

    static Stream<Arguments> badData() {
        return Stream.of(
                Arguments.of("a named label without a header",
                        "data: {format: csv, path: x.csv, header: false, label: y, kind: regression}",
                        "t.yaml:4:56: $.data.label: must be a 0-based column index (the file has no header: header is"
                                + " false), got string 'y'"),
                Arguments.of("header as a string",
                        "data: {format: csv, path: x.csv, header: 'no', label: 1, kind: regression}",
                        "t.yaml:4:42: $.data.header: must be true or false, got string 'no'"),
                Arguments.of("an unknown missing policy",
                        "data: {format: csv, path: x.csv, label: y, kind: regression, missing: zero}",
                        "t.yaml:4:71: $.data.missing: must be one of error, drop, mean, got 'zero'"),
                Arguments.of("an unknown encoding",
                        "data: {format: csv, path: x.csv, label: y, kind: regression, categorical: {c: dummy}}",
                        "t.yaml:4:79: $.data.categorical.c: must be one of onehot, ordinal, got 'dummy'"),
                Arguments.of("a name as a categorical key without a header",
                        "data: {format: csv, path: x.csv, header: false, label: 1, kind: regression,"
                                + " categorical: {c: onehot}}",
                        "t.yaml:4:91: $.data.categorical.c: must be a 0-based column index such as \"3\" (the file"
                                + " has no header: header is false), got 'c'"),
                Arguments.of("the label dropped",
                        "data: {format: csv, path: x.csv, label: y, kind: regression, drop: [id, y]}",
                        "t.yaml:4:73: $.data.drop[1]: is the label column ($.data.label); it cannot be dropped"),
                Arguments.of("a column dropped twice",
                        "data: {format: csv, path: x.csv, label: y, kind: regression, drop: [id, id]}",
                        "t.yaml:4:73: $.data.drop[1]: lists string 'id' a second time"),
                Arguments.of("a dropped column made categorical",
                        "data: {format: csv, path: x.csv, label: y, kind: regression, drop: [c],"
                                + " categorical: {c: onehot}}",
                        "t.yaml:4:87: $.data.categorical.c: is dropped ($.data.drop); it cannot also be categorical"),
                Arguments.of("drop as a string",
                        "data: {format: csv, path: x.csv, label: y, kind: regression, drop: id}",
                        "t.yaml:4:68: $.data.drop: must be a list, e.g. [\"id\"] or [0], got string 'id'"),
                Arguments.of("a misspelt key",
                        "data: {format: csv, path: x.csv, label: y, kind: regression, categorial: {c: onehot}}",
                        "t.yaml:4:62: $.data: unknown key 'categorial'; did you mean 'categorical'?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badData")
    void badCsvKeyIsRefusedAtItsLineAndColumn(String story, String yaml, String expected) {
        TaskSpecException e = assertThrows(TaskSpecException.class, () -> data(yaml + "\n"), story);
        assertEquals(expected, e.getMessage(), story);
    }
}
