package org.optsearch.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.optsearch.lang.Op;

/**
 * A table of numbers in a CSV file: a header row naming the columns (required), then one row per
 * example; fields separated by commas, optionally in double quotes; blank lines ignored. Every
 * column but the label is a numeric feature. The file may be gzipped.
 */
public final class Csv {

    /** What the label column holds. */
    public enum Kind {
        /** Class labels, numbers or strings, mapped to {@code 0 .. k-1} in sorted order of their values. */
        CLASSIFICATION,
        /** A float target. */
        REGRESSION
    }

    /** The label column, by header name or by 0-based position. */
    public sealed interface Column permits Column.Named, Column.At {
        record Named(String name) implements Column {
        }

        record At(int index) implements Column {
        }

        static Column named(String name) {
            return new Named(name);
        }

        static Column at(int index) {
            return new At(index);
        }
    }

    /**
     * A table read from a file: {@code rows x width} features ({@code x}, row-major, in file
     * order) and, for classification, {@code labels} with the names of the classes ({@code
     * classes.get(label)} is the value in the file); for regression, {@code targets}. The other is
     * null.
     */
    public record Table(String source, Kind kind, List<String> featureNames, String labelName, int rows,
                        float[] x, int[] labels, List<String> classes, float[] targets) {
        public int width() {
            return featureNames.size();
        }

        /** Number of classes; 0 for regression. */
        public int numClasses() {
            return kind == Kind.CLASSIFICATION ? classes.size() : 0;
        }

        /** The table as a data set, unnormalized. */
        public FeatureDataset dataset() {
            return kind == Kind.CLASSIFICATION
                    ? FeatureDataset.classification(x, width(), labels, numClasses())
                    : FeatureDataset.regression(x, width(), targets);
        }
    }

    private Csv() {
    }

    /** Reads {@code file}, taking {@code label} as the label column and every other column as a numeric feature. */
    public static Table read(Path file, Column label, Kind kind) {
        return parse(file, label, kind, CsvOptions.DEFAULT).encode(null);
    }

    /**
     * Reads {@code file} as {@code options} say, up to the numbers: categorical columns stay text
     * (and missing values unfilled) until {@link Cells#encode} learns them from the training rows.
     */
    public static Cells parse(Path file, Column label, Kind kind, CsvOptions options) {
        String name = DataFiles.name(file);
        List<Line> lines = CsvLines.split(name, DataFiles.readText(file));
        if (lines.isEmpty()) {
            throw new DataException(name + ": empty file (only blank lines)");
        }
        List<String> columns = options.header() ? header(name, lines.get(0)) : unnamed(name, lines.get(0));
        int labelIndex = columnIndex(name, columns, options.header(), label, "label column");
        boolean[] dropped = new boolean[columns.size()];
        for (Column c : options.drop()) {
            int index = columnIndex(name, columns, options.header(), c, "column to drop");
            if (index == labelIndex) {
                throw new DataException(name + ": the label column " + shown(columns, options.header(), index)
                        + " cannot be dropped");
            }
            dropped[index] = true;
        }
        CsvOptions.Encoding[] encodings = new CsvOptions.Encoding[columns.size()];
        for (var e : options.categorical().entrySet()) {
            int index = columnIndex(name, columns, options.header(), e.getKey(), "categorical column");
            if (index == labelIndex || dropped[index]) {
                throw new DataException(name + ": column " + shown(columns, options.header(), index) + " is "
                        + (index == labelIndex ? "the label" : "dropped") + "; it cannot also be categorical");
            }
            encodings[index] = e.getValue();
        }
        List<Line> rows = lines.subList(options.header() ? 1 : 0, lines.size());
        if (rows.isEmpty()) {
            throw new DataException(name + ": no data rows after the header");
        }
        return CsvCells.parse(name, kind, options, columns, labelIndex, dropped, encodings, rows);
    }

    /**
     * A table read but not yet made numbers: its kept rows, numeric columns as floats (NaN where a
     * value is missing) and categorical columns as text (null where missing).
     */
    public interface Cells {
        /** Rows kept (after {@code missing: drop}). */
        int rows();

        /**
         * The table in numbers, every row of it: categories (and the values that fill in missing
         * ones) learned from the rows {@code trainRows} only, or from every row when it is null.
         */
        Table encode(int[] trainRows);
    }

    record Line(int number, List<String> fields) {
    }

    private static List<String> header(String name, Line header) {
        List<String> columns = header.fields();
        if (columns.stream().allMatch(Csv::isNumber)) {
            throw new DataException(name + ":" + header.number() + ": the first row must be a header naming the columns,"
                    + " found numbers ('" + abbreviate(String.join(",", columns)) + "'); add a header row, or read"
                    + " the file without one (header: false in a task file)");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            String column = columns.get(c);
            if (column.isEmpty()) {
                throw new DataException(name + ":" + header.number() + ": column " + c + " of the header has no name");
            }
            Integer before = seen.put(column, c);
            if (before != null) {
                throw new DataException(name + ":" + header.number() + ": duplicate column name '" + column
                        + "' (columns " + before + " and " + c + ")");
            }
        }
        checkWidth(name, header.number(), columns.size(), String.join(",", columns), true);
        return columns;
    }

    /** Without a header, columns are named by their 0-based index: {@code "0"}, {@code "1"}, ... */
    private static List<String> unnamed(String name, Line first) {
        List<String> columns = new ArrayList<>();
        for (int c = 0; c < first.fields().size(); c++) {
            columns.add(Integer.toString(c));
        }
        checkWidth(name, first.number(), columns.size(), String.join(",", first.fields()), false);
        return columns;
    }

    private static void checkWidth(String name, int line, int width, String row, boolean header) {
        if (width < 2) {
            throw new DataException(name + ":" + line + ": the " + (header ? "header names" : "first row has")
                    + " only one column ('" + abbreviate(row) + "'); a table needs a label column and at least"
                    + " one feature (fields are separated by commas)");
        }
    }

    private static int columnIndex(String name, List<String> columns, boolean header, Column column, String what) {
        if (column instanceof Column.At at) {
            if (at.index() < 0 || at.index() >= columns.size()) {
                throw new DataException(name + ": " + what + " index " + at.index() + " is out of range 0.."
                        + (columns.size() - 1));
            }
            return at.index();
        }
        String wanted = ((Column.Named) column).name();
        if (!header) {
            throw new DataException(name + ": " + what + " '" + wanted + "': a table without a header names its"
                    + " columns by 0-based index");
        }
        int index = columns.indexOf(wanted);
        if (index < 0) {
            String best = Op.closest(wanted, columns);
            throw new DataException(name + ": no column '" + wanted + "'"
                    + (best != null ? "; did you mean '" + best + "'?" : "; the columns are " + listed(columns)));
        }
        return index;
    }

    /** A column as messages show it: {@code 'age'} with a header, {@code 3} without. */
    static String shown(List<String> columns, boolean header, int index) {
        return header ? "'" + columns.get(index) + "'" : Integer.toString(index);
    }

    static List<String> classes(String name, String labelName, String[] raw, int[] lines) {
        TreeSet<String> distinct = new TreeSet<>(Arrays.asList(raw));
        boolean numeric = distinct.stream().allMatch(Csv::isNumber);
        List<String> classes = new ArrayList<>(distinct);
        if (numeric) {
            classes.sort(Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder()));
            for (String value : classes) {
                double v = Double.parseDouble(value);
                if (v != Math.rint(v)) {
                    int row = Arrays.asList(raw).indexOf(value);
                    throw new DataException(name + ":" + lines[row] + ": label column '" + labelName
                            + "' holds '" + value + "', not a class; read a numeric target as a regression");
                }
            }
        }
        if (distinct.contains("")) {
            int row = Arrays.asList(raw).indexOf("");
            throw new DataException(name + ":" + lines[row] + ": label column '" + labelName
                    + "' is empty");
        }
        if (classes.size() < 2) {
            throw new DataException(name + ": label column '" + labelName + "' has one value only ('"
                    + classes.get(0) + "'); classification needs at least two classes");
        }
        return List.copyOf(classes);
    }

    /** A numeric cell; {@code hint} is added to the message for text, as what to do about it. */
    static float number(String name, int line, String column, String value, String hint) {
        if (!isNumber(value)) {
            throw new DataException(name + ":" + line + ": column " + column + " is not a number: '"
                    + abbreviate(value) + "'" + hint);
        }
        float f = (float) Double.parseDouble(value);
        if (!Float.isFinite(f)) {
            throw new DataException(name + ":" + line + ": column " + column + " is too large for a float: '" + value + "'");
        }
        return f;
    }

    /** A plain decimal number: optional sign, digits with an optional point, optional exponent. */
    static boolean isNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    static String listed(List<String> columns) {
        String all = "'" + String.join("', '", columns) + "'";
        return columns.size() <= 12 ? all
                : "'" + String.join("', '", columns.subList(0, 10)) + "', ... (" + columns.size() + " in all)";
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
