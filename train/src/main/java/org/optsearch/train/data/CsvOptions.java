package org.optsearch.train.data;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to read a CSV table beyond its label column: whether the first row is a header, which columns
 * to leave out, what to do with missing values, and which text columns are categories and how they
 * become numbers. Columns are named by {@link Csv.Column}: a header name, or a 0-based index (the
 * only way without a header).
 *
 * @param header      whether the first row names the columns
 * @param drop        columns to leave out entirely
 * @param missing     what a missing value (see {@link #MISSING}) does
 * @param categorical text columns and their encodings
 */
public record CsvOptions(boolean header, List<Csv.Column> drop, Missing missing,
                         Map<Csv.Column, Encoding> categorical) {

    /** A header row, nothing dropped, missing values refused, every feature numeric. */
    public static final CsvOptions DEFAULT = new CsvOptions(true, List.of(), Missing.ERROR, Map.of());

    /** The spellings of a missing value, after trimming: empty, NA, N/A, NaN, nan, null, ?. */
    public static final Set<String> MISSING = Set.of("", "NA", "N/A", "NaN", "nan", "null", "?");

    /** Most categories of a one-hot column: more is likely an identifier; drop it or encode it ordinal. */
    public static final int MAX_ONE_HOT = 1024;

    /** What a missing value does. */
    public enum Missing {
        /** Stop with the file, line and column of the first one. */
        ERROR,
        /** Leave out every row that has one (in a kept column or the label). */
        DROP,
        /**
         * Fill it in from the training split: the mean of a numeric column, the most common category
         * of a categorical one. Rows with a missing label are left out (a label is not guessed).
         */
        MEAN
    }

    /** How a categorical column becomes numbers; categories are learned from the training split only. */
    public enum Encoding {
        /**
         * One 0/1 feature per category, named {@code column=category}; a category the training
         * split lacks is all zeros.
         */
        ONEHOT,
        /**
         * One feature, the category's index in sorted order (by value when every category is a
         * number, else as text); a category the training split lacks is the mean index of the
         * training rows.
         */
        ORDINAL
    }

    public CsvOptions {
        drop = List.copyOf(drop);
        Objects.requireNonNull(missing, "missing");
        categorical = Map.copyOf(categorical);
    }
}
