package org.optsearch.train.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The rows of a CSV table after missing values are dealt with, before categories become numbers:
 * numeric columns as floats (NaN where missing), categorical ones as text (null where missing).
 * {@link #encode} learns categories and fill-in values from the training rows only.
 */
final class CsvCells implements Csv.Cells {

    /** Largest table, in floats: the largest Java array. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final String name;
    private final Csv.Kind kind;
    private final CsvOptions options;
    private final List<String> columns;
    private final int labelIndex;
    /** Kept feature columns, in file order. */
    private final int[] kept;
    private final CsvOptions.Encoding[] encodings;
    /** Per kept column: the values of a numeric one, else null. */
    private final float[][] numbers;
    /** Per kept column: the values of a categorical one, else null. */
    private final String[][] texts;
    private final String[] labels;
    private final int[] lineNumbers;
    private final int rows;

    private CsvCells(String name, Csv.Kind kind, CsvOptions options, List<String> columns, int labelIndex, int[] kept,
            CsvOptions.Encoding[] encodings, float[][] numbers, String[][] texts, String[] labels, int[] lineNumbers,
            int rows) {
        this.name = name;
        this.kind = kind;
        this.options = options;
        this.columns = columns;
        this.labelIndex = labelIndex;
        this.kept = kept;
        this.encodings = encodings;
        this.numbers = numbers;
        this.texts = texts;
        this.labels = labels;
        this.lineNumbers = lineNumbers;
        this.rows = rows;
    }

    static CsvCells parse(String name, Csv.Kind kind, CsvOptions options, List<String> columns, int labelIndex,
            boolean[] dropped, CsvOptions.Encoding[] encodings, List<Csv.Line> lines) {
        int[] kept = IntStream.range(0, columns.size())
                .filter(c -> c != labelIndex && !dropped[c]).toArray();
        if (kept.length == 0) {
            throw new DataException(name + ": no feature columns are left (every column but the label is dropped)");
        }
        int n = lines.size();
        float[][] numbers = new float[kept.length][];
        String[][] texts = new String[kept.length][];
        for (int k = 0; k < kept.length; k++) {
            if (encodings[kept[k]] == null) {
                numbers[k] = new float[n];
            } else {
                texts[k] = new String[n];
            }
        }
        String[] labels = new String[n];
        int[] lineNumbers = new int[n];
        int rows = 0;
        String hint = "; list the column under categorical (onehot or ordinal) or under drop in the task file";
        rowLoop:
        for (Csv.Line line : lines) {
            List<String> fields = line.fields();
            if (fields.size() != columns.size()) {
                throw new DataException(name + ":" + line.number() + ": expected " + columns.size() + " columns, found "
                        + fields.size());
            }
            String label = fields.get(labelIndex);
            if (CsvOptions.MISSING.contains(label)) {
                if (options.missing() == CsvOptions.Missing.ERROR) {
                    throw missing(name, line.number(), "label column " + shown(columns, options, labelIndex), label);
                }
                continue;
            }
            if (options.missing() == CsvOptions.Missing.DROP) {
                for (int c : kept) {
                    if (CsvOptions.MISSING.contains(fields.get(c))) {
                        continue rowLoop;
                    }
                }
            }
            for (int k = 0; k < kept.length; k++) {
                String value = fields.get(kept[k]);
                boolean absent = CsvOptions.MISSING.contains(value);
                if (absent && options.missing() == CsvOptions.Missing.ERROR) {
                    throw missing(name, line.number(), "column " + shown(columns, options, kept[k]), value);
                }
                if (texts[k] != null) {
                    texts[k][rows] = absent ? null : value;
                } else {
                    numbers[k][rows] = absent ? Float.NaN
                            : Csv.number(name, line.number(), shown(columns, options, kept[k]), value, hint);
                }
            }
            labels[rows] = label;
            lineNumbers[rows++] = line.number();
        }
        if (rows == 0) {
            throw new DataException(name + ": no rows are left after leaving out those with missing values");
        }
        return new CsvCells(name, kind, options, columns, labelIndex, kept, encodings, numbers, texts, labels,
                lineNumbers, rows);
    }

    private static DataException missing(String name, int line, String column, String value) {
        return new DataException(name + ":" + line + ": " + column + " has a missing value ('" + value + "'); set"
                + " missing: drop (leave such rows out) or missing: mean (fill in from the training split) in the"
                + " task file");
    }

    private static String shown(List<String> columns, CsvOptions options, int index) {
        return Csv.shown(columns, options.header(), index);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public Csv.Table encode(int[] trainRows) {
        int[] train = trainRows != null ? trainRows : IntStream.range(0, rows).toArray();
        List<String> featureNames = new ArrayList<>();
        List<Map<String, Integer>> codes = new ArrayList<>();
        float[] fill = new float[kept.length]; // numeric: the training mean; ordinal: the mean training code
        int[] modeCode = new int[kept.length]; // categorical: the code of the most common training category
        for (int k = 0; k < kept.length; k++) {
            String column = shown(columns, options, kept[k]);
            String base = columns.get(kept[k]);
            if (numbers[k] != null) {
                codes.add(null);
                featureNames.add(base);
                fill[k] = (float) trainMean(numbers[k], train, column);
                continue;
            }
            List<String> categories = categories(texts[k], train, column);
            Map<String, Integer> code = new HashMap<>();
            for (int i = 0; i < categories.size(); i++) {
                code.put(categories.get(i), i);
            }
            codes.add(code);
            if (encodings[kept[k]] == CsvOptions.Encoding.ONEHOT) {
                if (categories.size() > CsvOptions.MAX_ONE_HOT) {
                    throw new DataException(name + ": column " + column + " has " + categories.size()
                            + " categories in the training split; a one-hot column may have at most "
                            + CsvOptions.MAX_ONE_HOT + " (is it an identifier? drop it, or encode it ordinal)");
                }
                categories.forEach(c -> featureNames.add(base + "=" + c));
            } else {
                featureNames.add(base);
            }
            modeCode[k] = code.get(mode(texts[k], train));
            fill[k] = (float) meanCode(texts[k], train, code);
        }
        int width = featureNames.size();
        if ((long) rows * width > MAX_VALUES) {
            throw new DataException(name + ": " + rows + " rows x " + width + " features is more than "
                    + MAX_VALUES + " values; drop columns, or encode categorical ones ordinal");
        }
        float[] x = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int f = r * width;
            for (int k = 0; k < kept.length; k++) {
                if (numbers[k] != null) {
                    float v = numbers[k][r];
                    x[f++] = Float.isNaN(v) ? fill[k] : v;
                } else if (encodings[kept[k]] == CsvOptions.Encoding.ONEHOT) {
                    String v = texts[k][r];
                    Integer c = v == null ? Integer.valueOf(modeCode[k]) : codes.get(k).get(v);
                    if (c != null) { // else a category the training split lacks: all zeros
                        x[f + c] = 1f;
                    }
                    f += codes.get(k).size();
                } else {
                    String v = texts[k][r];
                    Integer c = v == null ? Integer.valueOf(modeCode[k]) : codes.get(k).get(v);
                    x[f++] = c == null ? fill[k] : c; // a category the training split lacks: the mean code
                }
            }
        }
        String labelName = columns.get(labelIndex);
        String[] rawLabels = Arrays.copyOf(labels, rows);
        int[] lines = Arrays.copyOf(lineNumbers, rows);
        if (kind == Csv.Kind.REGRESSION) {
            float[] targets = new float[rows];
            for (int r = 0; r < rows; r++) {
                targets[r] = Csv.number(name, lines[r], "'" + labelName + "'", rawLabels[r], "");
            }
            return new Csv.Table(name, kind, List.copyOf(featureNames), labelName, rows, x, null, null, targets);
        }
        List<String> classes = Csv.classes(name, labelName, rawLabels, lines);
        Map<String, Integer> ids = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            ids.put(classes.get(k), k);
        }
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = ids.get(rawLabels[r]);
        }
        return new Csv.Table(name, kind, List.copyOf(featureNames), labelName, rows, x, y, classes, null);
    }

    /** The mean of the training rows' present values (0 when nothing is missing anyway). */
    private double trainMean(float[] values, int[] train, String column) {
        double sum = 0;
        int count = 0;
        boolean anyMissing = false;
        for (int r : train) {
            if (Float.isNaN(values[r])) {
                anyMissing = true;
            } else {
                sum += values[r];
                count++;
            }
        }
        if (count == 0 && (anyMissing || hasMissing(values))) {
            throw new DataException(name + ": column " + column + " has no value in the training split to fill in"
                    + " missing ones from; drop the column");
        }
        return count == 0 ? 0 : sum / count;
    }

    private boolean hasMissing(float[] values) {
        for (int r = 0; r < rows; r++) {
            if (Float.isNaN(values[r])) {
                return true;
            }
        }
        return false;
    }

    /** The categories present in the training rows, sorted: by value when all are numbers, else as text. */
    private List<String> categories(String[] values, int[] train, String column) {
        TreeSet<String> distinct = new TreeSet<>();
        for (int r : train) {
            if (values[r] != null) {
                distinct.add(values[r]);
            }
        }
        if (distinct.isEmpty()) {
            throw new DataException(name + ": categorical column " + column + " has no value in the training split;"
                    + " drop the column");
        }
        List<String> sorted = new ArrayList<>(distinct);
        if (distinct.stream().allMatch(Csv::isNumber)) {
            sorted.sort(Comparator.comparingDouble(Double::parseDouble).thenComparing(Comparator.naturalOrder()));
        }
        return sorted;
    }

    /** The most common training category; ties go to the first in text order. */
    private static String mode(String[] values, int[] train) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int r : train) {
            if (values[r] != null) {
                counts.merge(values[r], 1, Integer::sum);
            }
        }
        String best = null;
        int bestCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /** The mean ordinal code of the training rows: what a missing or unseen category becomes. */
    private static double meanCode(String[] values, int[] train, Map<String, Integer> code) {
        double sum = 0;
        int count = 0;
        for (int r : train) {
            if (values[r] != null) {
                sum += code.get(values[r]);
                count++;
            }
        }
        return sum / count;
    }
}
