package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvTest {
    private static final String TEXT_HINT =
            "; list the column under categorical (onehot or ordinal) or under drop in the task file";
    private static final String MISSING_HINT = "; set missing: drop (leave such rows out) or missing: mean (fill in"
            + " from the training split) in the task file";


    @TempDir
    Path dir;

    private static final Csv.Column TARGET = Csv.Column.named("target");

    private Csv.Table read(String text, Csv.Column label, Csv.Kind kind) {
        return Csv.read(Fixtures.write(dir, "data.csv", text), label, kind);
    }

    @Test
    void readsFeaturesAndMapsStringClassesInSortedOrder() {
        Csv.Table t = read("radius,species,area\n1.5,virginica,2\n2,setosa,3e1\n-3,versicolor,.5\n4,setosa,0\n",
                Csv.Column.named("species"), Csv.Kind.CLASSIFICATION);
        assertEquals(List.of("radius", "area"), t.featureNames());
        assertEquals("species", t.labelName());
        assertEquals(4, t.rows());
        assertEquals(2, t.width());
        assertArrayEquals(new float[] {1.5f, 2, 2, 30, -3, 0.5f, 4, 0}, t.x());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.classes());
        assertArrayEquals(new int[] {2, 0, 1, 0}, t.labels());
        assertEquals(3, t.numClasses());
        assertNull(t.targets());
    }

    @Test
    void integerClassesSortByValueNotByText() {
        Csv.Table t = read("x,target\n0,10\n1,9\n2,2\n3,10\n", TARGET, Csv.Kind.CLASSIFICATION);
        assertEquals(List.of("2", "9", "10"), t.classes());
        assertArrayEquals(new int[] {2, 1, 0, 2}, t.labels());
    }

    @Test
    void labelColumnCanBeGivenByPosition() {
        Csv.Table t = read("a,b,c\n1,2,3\n4,5,6\n", Csv.Column.at(0), Csv.Kind.REGRESSION);
        assertEquals(List.of("b", "c"), t.featureNames());
        assertEquals("a", t.labelName());
        assertArrayEquals(new float[] {1, 4}, t.targets());
        assertArrayEquals(new float[] {2, 3, 5, 6}, t.x());
        assertEquals(0, t.numClasses());
    }

    @Test
    void quotedFieldsCrlfBlankLinesAndGzipAreAccepted() {
        String text = "\"mean, radius\",\"say \"\"hi\"\"\",target\r\n\r\n 1 , 2 ,\"a,b\"\r\n3,4,c\r\n\n";
        Path file = Fixtures.write(dir, "quoted.csv", Fixtures.gzip(text.getBytes()));
        Csv.Table t = Csv.read(file, TARGET, Csv.Kind.CLASSIFICATION);
        assertEquals(List.of("mean, radius", "say \"hi\""), t.featureNames());
        assertEquals(List.of("a,b", "c"), t.classes());
        assertArrayEquals(new float[] {1, 2, 3, 4}, t.x());
    }

    @Test
    void tableBecomesAnUnnormalizedDataset() {
        FeatureDataset d = read("x,y,target\n1,2,a\n3,4,b\n", TARGET, Csv.Kind.CLASSIFICATION).dataset();
        assertEquals(2, d.size());
        assertEquals(2, d.width());
        assertEquals(2, d.numClasses());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.features());
    }

    static Stream<Arguments> badTables() {
        String header = "radius,texture,target\n";
        return Stream.of(
                Arguments.of("a short row", header + "1,2,0\n1,2,1\n3,1\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:4: expected 3 columns, found 2"),
                Arguments.of("a long row, counted past blank lines", header + "\n\n1,2,0,7\n", TARGET,
                        Csv.Kind.CLASSIFICATION, "data.csv:4: expected 3 columns, found 4"),
                Arguments.of("a word for a number", header + "1,2,0\n1,2,1\n1,2,1\nabc,2,0\n", TARGET,
                        Csv.Kind.CLASSIFICATION, "data.csv:5: column 'radius' is not a number: 'abc'"
                                + TEXT_HINT),
                Arguments.of("a Java-only number", header + "1,0x1p3,0\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:2: column 'texture' is not a number: '0x1p3'"
                                + TEXT_HINT),
                Arguments.of("NaN", header + "NaN,1,0\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:2: column 'radius' has a missing value ('NaN')"
                                + MISSING_HINT),
                Arguments.of("a number beyond float", header + "1e39,1,0\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:2: column 'radius' is too large for a float: '1e39'"),
                Arguments.of("a missing value", header + "1,,0\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:2: column 'texture' has a missing value ('')"
                                + MISSING_HINT),
                Arguments.of("a missing label", header + "1,2,0\n1,2,\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:3: label column 'target' has a missing value ('')"
                                + MISSING_HINT),
                Arguments.of("a word for a regression target", header + "1,2,3.5\n1,2,high\n", TARGET,
                        Csv.Kind.REGRESSION, "data.csv:3: column 'target' is not a number: 'high'"),
                Arguments.of("a misspelt label column", header + "1,2,0\n", Csv.Column.named("taget"),
                        Csv.Kind.CLASSIFICATION, "data.csv: no column 'taget'; did you mean 'target'?"),
                Arguments.of("an unknown label column", header + "1,2,0\n", Csv.Column.named("species"),
                        Csv.Kind.CLASSIFICATION,
                        "data.csv: no column 'species'; the columns are 'radius', 'texture', 'target'"),
                Arguments.of("a label index past the end", header + "1,2,0\n", Csv.Column.at(3),
                        Csv.Kind.CLASSIFICATION, "data.csv: label column index 3 is out of range 0..2"),
                Arguments.of("no header", "1,2,0\n3,4,1\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:1: the first row must be a header naming the columns, found numbers ('1,2,0');"
                                + " add a header row, or read the file without one (header: false in a task file)"),
                Arguments.of("a duplicate column", "a,b,a\n1,2,3\n", Csv.Column.at(1), Csv.Kind.REGRESSION,
                        "data.csv:1: duplicate column name 'a' (columns 0 and 2)"),
                Arguments.of("an unnamed column", "a,,c\n1,2,3\n", Csv.Column.at(0), Csv.Kind.REGRESSION,
                        "data.csv:1: column 1 of the header has no name"),
                Arguments.of("a header of one column", "a;b;c\n1;2;3\n", Csv.Column.at(0), Csv.Kind.REGRESSION,
                        "data.csv:1: the header names only one column ('a;b;c'); a table needs a label column and"
                                + " at least one feature (fields are separated by commas)"),
                Arguments.of("a header and nothing else", header, TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv: no data rows after the header"),
                Arguments.of("blank lines only", "\n \n\r\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv: empty file (only blank lines)"),
                Arguments.of("one class only", header + "1,2,0\n3,4,0\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv: label column 'target' has one value only ('0'); classification needs at least"
                                + " two classes"),
                Arguments.of("a numeric target read as classes", header + "1,2,1\n3,4,0.25\n", TARGET,
                        Csv.Kind.CLASSIFICATION,
                        "data.csv:3: label column 'target' holds '0.25', not a class; read a numeric target as a"
                                + " regression"),
                Arguments.of("an unterminated quote", header + "1,\"2,0\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:2: unterminated quoted field starting at column 3 (a quoted field must end on its"
                                + " line)"),
                Arguments.of("text after a quote", header + "1,\"2\"x,0\n", TARGET, Csv.Kind.CLASSIFICATION,
                        "data.csv:2: text after a closing quote at column 6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTables")
    void badTableIsRejectedWithLineAndProblem(String what, String text, Csv.Column label, Csv.Kind kind,
                                              String message) {
        assertEquals(message, assertThrows(DataException.class, () -> read(text, label, kind)).getMessage());
    }

    @Test
    void wideRowCountMatchesTheBriefExample() {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < 30; c++) {
            text.append("f").append(c).append(',');
        }
        text.append("target\n");
        String row = "1,".repeat(30) + "0\n";
        for (int line = 2; line < 17; line++) {
            text.append(row);
        }
        text.append("1,".repeat(29)).append("0\n");
        DataException e = assertThrows(DataException.class, () -> read(text.toString(), TARGET, Csv.Kind.CLASSIFICATION));
        assertEquals("data.csv:17: expected 31 columns, found 30", e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedByByteOffset() {
        byte[] bytes = "a,target\n1,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path file = Fixtures.write(dir, "latin1.csv", bytes);
        assertEquals("latin1.csv: invalid UTF-8 at byte 14 (the file must be UTF-8 text)",
                assertThrows(DataException.class, () -> Csv.read(file, TARGET, Csv.Kind.CLASSIFICATION)).getMessage());
    }

    @Test
    void plainNumberSyntax() {
        for (String ok : List.of("0", "-1", "+2.5", ".5", "5.", "1e3", "1E-3", "-0.0e+0")) {
            assertEquals(true, Csv.isNumber(ok), ok);
        }
        for (String bad : List.of("", "-", ".", "e3", "1e", "1f", "1d", "Infinity", "NaN", "0x10", "1,5", "\u0661")) {
            assertEquals(false, Csv.isNumber(bad), bad);
        }
    }
}
