package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tables users have: no header, missing values, text categories, columns to leave out. */
class CsvOptionsTest {

    @TempDir
    Path dir;

    private static final Csv.Column Y = Csv.Column.named("y");

    private Csv.Cells parse(String text, Csv.Column label, Csv.Kind kind, CsvOptions options) {
        return Csv.parse(Fixtures.write(dir, "data.csv", text), label, kind, options);
    }

    private static CsvOptions options(boolean header, List<Csv.Column> drop, CsvOptions.Missing missing,
            Map<Csv.Column, CsvOptions.Encoding> categorical) {
        return new CsvOptions(header, drop, missing, categorical);
    }

    @Test
    void withoutAHeaderTheFirstRowIsDataAndColumnsAreIndexes() {
        CsvOptions noHeader = options(false, List.of(), CsvOptions.Missing.ERROR, Map.of());
        Csv.Table t = parse("1,2,a\n3,4,b\n5,6,a\n", Csv.Column.at(2), Csv.Kind.CLASSIFICATION, noHeader).encode(null);
        assertEquals(3, t.rows());
        assertEquals(List.of("0", "1"), t.featureNames());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.x());
        assertArrayEquals(new int[] {0, 1, 0}, t.labels());
        DataException e = assertThrows(DataException.class,
                () -> parse("1,2,a\n", Y, Csv.Kind.CLASSIFICATION, noHeader));
        assertEquals("data.csv: label column 'y': a table without a header names its columns by 0-based index",
                e.getMessage());
    }

    @Test
    void missingValueIsAnErrorByDefaultNamingRowColumnAndTheOption() {
        DataException e = assertThrows(DataException.class,
                () -> parse("a,b,y\n1,2,0\n3,NA,1\n", Y, Csv.Kind.CLASSIFICATION, CsvOptions.DEFAULT));
        assertEquals("data.csv:3: column 'b' has a missing value ('NA'); set missing: drop (leave such rows out) or"
                + " missing: mean (fill in from the training split) in the task file", e.getMessage());
    }

    @Test
    void missingDropLeavesOutRowsWithAnyMissingValueOrLabel() {
        CsvOptions drop = options(true, List.of(), CsvOptions.Missing.DROP, Map.of());
        Csv.Table t = parse("a,b,y\n1,2,0\n3,?,1\n,5,1\n6,7,\n8,9,1\n", Y, Csv.Kind.CLASSIFICATION, drop)
                .encode(null);
        assertArrayEquals(new float[] {1, 2, 8, 9}, t.x());
        assertArrayEquals(new int[] {0, 1}, t.labels());
    }

    @Test
    void missingMeanFillsInTheTrainingMeanOnlyAndDropsRowsWithoutALabel() {
        CsvOptions mean = options(true, List.of(), CsvOptions.Missing.MEAN, Map.of());
        Csv.Cells cells = parse("a,y\n1,0\n3,1\nNA,0\n100,1\nNA,1\n5,NA\n", Y, Csv.Kind.REGRESSION, mean);
        assertEquals(5, cells.rows());
        Csv.Table t = cells.encode(new int[] {0, 1, 2});
        assertArrayEquals(new float[] {1, 3, 2, 100, 2}, t.x());
    }

    @Test
    void oneHotCategoriesComeFromTheTrainingRowsAndAnUnseenOneIsAllZeros() {
        CsvOptions onehot = options(true, List.of(), CsvOptions.Missing.MEAN,
                Map.of(Csv.Column.named("color"), CsvOptions.Encoding.ONEHOT));
        Csv.Table t = parse("color,size,y\nred,1,0\nblue,2,1\nred,3,0\n?,4,1\ngreen,5,1\n", Y,
                Csv.Kind.CLASSIFICATION, onehot).encode(new int[] {0, 1, 2, 3});
        assertEquals(List.of("color=blue", "color=red", "size"), t.featureNames());
        assertArrayEquals(new float[] {
            0, 1, 1,
            1, 0, 2,
            0, 1, 3,
            0, 1, 4, // missing: the most common training category, red
            0, 0, 5, // green is not in the training rows
        }, t.x());
    }

    @Test
    void ordinalCodesFollowSortedValuesAndAnUnseenOneIsTheMeanCode() {
        CsvOptions ordinal = options(true, List.of(), CsvOptions.Missing.ERROR,
                Map.of(Csv.Column.named("grade"), CsvOptions.Encoding.ORDINAL));
        Csv.Table t = parse("grade,y\n10,0\n9,1\n10,0\n2,1\n7,1\n", Y, Csv.Kind.CLASSIFICATION, ordinal)
                .encode(new int[] {0, 1, 2, 3});
        assertEquals(List.of("grade"), t.featureNames());
        assertArrayEquals(new float[] {2, 1, 2, 0, 1.25f}, t.x());
    }

    @Test
    void droppedColumnsAreLeftOutAndNamedOnes() {
        CsvOptions drop = options(true, List.of(Csv.Column.named("id"), Csv.Column.at(2)), CsvOptions.Missing.ERROR,
                Map.of());
        Csv.Table t = parse("id,a,notes,y\nx1,1,hello,0\nx2,2,world,1\n", Y, Csv.Kind.CLASSIFICATION, drop)
                .encode(null);
        assertEquals(List.of("a"), t.featureNames());
        assertArrayEquals(new float[] {1, 2}, t.x());
        DataException e = assertThrows(DataException.class, () -> parse("id,a,y\n1,2,0\n", Y, Csv.Kind.CLASSIFICATION,
                options(true, List.of(Csv.Column.named("idd")), CsvOptions.Missing.ERROR, Map.of())));
        assertEquals("data.csv: no column 'idd'; did you mean 'id'?", e.getMessage());
        e = assertThrows(DataException.class, () -> parse("id,a,y\n1,2,0\n", Y, Csv.Kind.CLASSIFICATION,
                options(true, List.of(Csv.Column.at(2)), CsvOptions.Missing.ERROR, Map.of())));
        assertEquals("data.csv: the label column 'y' cannot be dropped", e.getMessage());
    }

    @Test
    void textInANumericColumnSaysHowToReadIt() {
        DataException e = assertThrows(DataException.class,
                () -> parse("color,y\nred,0\n", Y, Csv.Kind.CLASSIFICATION, CsvOptions.DEFAULT));
        assertEquals("data.csv:2: column 'color' is not a number: 'red'; list the column under categorical (onehot or"
                + " ordinal) or under drop in the task file", e.getMessage());
    }

    @Test
    void oneHotColumnWithTooManyCategoriesLooksLikeAnIdentifier() {
        StringBuilder text = new StringBuilder("id,y\n");
        for (int i = 0; i <= CsvOptions.MAX_ONE_HOT; i++) {
            text.append("row").append(i).append(',').append(i % 2).append('\n');
        }
        Csv.Cells cells = parse(text.toString(), Y, Csv.Kind.CLASSIFICATION, options(true, List.of(),
                CsvOptions.Missing.ERROR, Map.of(Csv.Column.named("id"), CsvOptions.Encoding.ONEHOT)));
        DataException e = assertThrows(DataException.class, () -> cells.encode(null));
        assertEquals("data.csv: column 'id' has 1025 categories in the training split; a one-hot column may have at"
                + " most 1024 (is it an identifier? drop it, or encode it ordinal)", e.getMessage());
    }
}
