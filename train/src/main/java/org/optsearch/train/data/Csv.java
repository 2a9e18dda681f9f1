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

    /** Reads {@code file}, taking {@code label} as the label column and every other column as a feature. */
    public static Table read(Path file, Column label, Kind kind) {
        String name = DataFiles.name(file);
        String text = DataFiles.readText(file);
        List<Line> lines = CsvLines.split(name, text);
        if (lines.isEmpty()) {
            throw new DataException(name + ": empty file (only blank lines)");
        }
        Line header = lines.get(0);
        List<String> columns = header(name, header);
        int labelIndex = labelIndex(name, columns, label);
        int rows = lines.size() - 1;
        if (rows == 0) {
            throw new DataException(name + ": no data rows after the header");
        }
        int width = columns.size() - 1;
        float[] x = new float[rows * width];
        String[] rawLabels = new String[rows];
        for (int r = 0; r < rows; r++) {
            Line line = lines.get(r + 1);
            if (line.fields().size() != columns.size()) {
                throw new DataException(name + ":" + line.number() + ": expected " + columns.size() + " columns, found "
                        + line.fields().size());
            }
            int f = 0;
            for (int c = 0; c < columns.size(); c++) {
                String value = line.fields().get(c);
                if (c == labelIndex) {
                    rawLabels[r] = value;
                } else {
                    x[r * width + f++] = number(name, line.number(), columns.get(c), value);
                }
            }
        }
        List<String> features = new ArrayList<>(columns);
        String labelName = features.remove(labelIndex);
        if (kind == Kind.REGRESSION) {
            float[] targets = new float[rows];
            for (int r = 0; r < rows; r++) {
                targets[r] = number(name, lines.get(r + 1).number(), labelName, rawLabels[r]);
            }
            return new Table(name, kind, List.copyOf(features), labelName, rows, x, null, null, targets);
        }
        List<String> classes = classes(name, labelName, rawLabels, lines);
        Map<String, Integer> ids = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            ids.put(classes.get(k), k);
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = ids.get(rawLabels[r]);
        }
        return new Table(name, kind, List.copyOf(features), labelName, rows, x, labels, classes, null);
    }

    record Line(int number, List<String> fields) {
    }

    private static List<String> header(String name, Line header) {
        List<String> columns = header.fields();
        if (columns.stream().allMatch(Csv::isNumber)) {
            throw new DataException(name + ":" + header.number() + ": the first row must be a header naming the columns,"
                    + " found numbers ('" + abbreviate(String.join(",", columns)) + "'); add a header row");
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
        if (columns.size() < 2) {
            throw new DataException(name + ":" + header.number() + ": the header names only one column ('"
                    + columns.get(0) + "'); a table needs a label column and at least one feature"
                    + " (fields are separated by commas)");
        }
        return columns;
    }

    private static int labelIndex(String name, List<String> columns, Column label) {
        if (label instanceof Column.At at) {
            if (at.index() < 0 || at.index() >= columns.size()) {
                throw new DataException(name + ": label column index " + at.index() + " is out of range 0.."
                        + (columns.size() - 1));
            }
            return at.index();
        }
        String wanted = ((Column.Named) label).name();
        int index = columns.indexOf(wanted);
        if (index < 0) {
            String best = Op.closest(wanted, columns);
            throw new DataException(name + ": no column '" + wanted + "'"
                    + (best != null ? "; did you mean '" + best + "'?" : "; the columns are " + listed(columns)));
        }
        return index;
    }

    private static List<String> classes(String name, String labelName, String[] raw, List<Line> lines) {
        TreeSet<String> distinct = new TreeSet<>(Arrays.asList(raw));
        boolean numeric = distinct.stream().allMatch(Csv::isNumber);
        List<String> classes = new ArrayList<>(distinct);
        if (numeric) {
            classes.sort(Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder()));
            for (String value : classes) {
                double v = Double.parseDouble(value);
                if (v != Math.rint(v)) {
                    int row = Arrays.asList(raw).indexOf(value);
                    throw new DataException(name + ":" + lines.get(row + 1).number() + ": label column '" + labelName
                            + "' holds '" + value + "', not a class; read a numeric target as a regression");
                }
            }
        }
        if (distinct.contains("")) {
            int row = Arrays.asList(raw).indexOf("");
            throw new DataException(name + ":" + lines.get(row + 1).number() + ": label column '" + labelName
                    + "' is empty (missing values are not supported)");
        }
        if (classes.size() < 2) {
            throw new DataException(name + ": label column '" + labelName + "' has one value only ('"
                    + classes.get(0) + "'); classification needs at least two classes");
        }
        return List.copyOf(classes);
    }

    private static float number(String name, int line, String column, String value) {
        if (value.isEmpty()) {
            throw new DataException(name + ":" + line + ": column '" + column + "' is empty (missing values are not supported)");
        }
        if (!isNumber(value)) {
            throw new DataException(name + ":" + line + ": column '" + column + "' is not a number: '"
                    + abbreviate(value) + "'");
        }
        float f = (float) Double.parseDouble(value);
        if (!Float.isFinite(f)) {
            throw new DataException(name + ":" + line + ": column '" + column + "' is too large for a float: '" + value + "'");
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

    private static String listed(List<String> columns) {
        String all = "'" + String.join("', '", columns) + "'";
        return columns.size() <= 12 ? all
                : "'" + String.join("', '", columns.subList(0, 10)) + "', ... (" + columns.size() + " in all)";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
