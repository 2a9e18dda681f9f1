package org.optsearch.train.task.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a task's data is and how to read it: the {@code data} object of a task file. Paths are
 * absolute and normalized (a task file's relative paths are resolved against its folder); whether
 * the files exist, and whether they are gzipped, is for the data loaders to find out.
 */
public sealed interface DataSpec permits DataSpec.Idx, DataSpec.Text, DataSpec.Csv {

    /** Largest share of the examples that may be held out for validation. */
    double MAX_VALIDATION_FRACTION = 0.5;

    double DEFAULT_TEXT_VALIDATION_FRACTION = 0.1;

    double DEFAULT_CSV_VALIDATION_FRACTION = 0.2;

    /** How the data is stored. */
    DataFormat format();

    /** IDX image and label files, as MNIST and Fashion-MNIST ship them; the test files are the held-out set. */
    record Idx(Path trainImages, Path trainLabels, Path testImages, Path testLabels) implements DataSpec {
        public Idx {
            trainImages = Checks.absolute("trainImages", trainImages);
            trainLabels = Checks.absolute("trainLabels", trainLabels);
            testImages = Checks.absolute("testImages", testImages);
            testLabels = Checks.absolute("testLabels", testLabels);
        }

        @Override
        public DataFormat format() {
            return DataFormat.IDX;
        }
    }

    /**
     * One text file; the last {@code validationFraction} of it is held out.
     *
     * @param validationFraction in (0, 0.5]
     */
    record Text(Path path, double validationFraction) implements DataSpec {
        public Text {
            path = Checks.absolute("path", path);
            Checks.fraction("validationFraction", validationFraction);
        }

        @Override
        public DataFormat format() {
            return DataFormat.TEXT;
        }
    }

    /**
     * A CSV table; every column but the label, and those dropped, is a feature: numeric, or
     * categorical when listed in {@code categorical}.
     *
     * @param label              which column is the label
     * @param kind               whether the label is a class or a number to predict
     * @param validationFraction share of the rows held out, in (0, 0.5]
     * @param header             whether the first row names the columns; without one, every column
     *                           (label, drop, categorical) is given by its 0-based index
     * @param drop               columns left out
     * @param missing            what a missing value ({@code NA}, {@code ?}, empty, ...) does
     * @param categorical        text columns and how each becomes numbers
     */
    record Csv(Path path, LabelColumn label, Kind kind, double validationFraction, boolean header,
               List<LabelColumn> drop, Missing missing, Map<LabelColumn, Encoding> categorical) implements DataSpec {
        public Csv {
            path = Checks.absolute("path", path);
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            Checks.fraction("validationFraction", validationFraction);
            drop = List.copyOf(drop);
            Objects.requireNonNull(missing, "missing");
            categorical = Map.copyOf(categorical);
            if (!header) {
                Checks.byIndex("label", label);
                drop.forEach(c -> Checks.byIndex("drop", c));
                categorical.keySet().forEach(c -> Checks.byIndex("categorical", c));
            }
            if (drop.contains(label)) {
                throw new IllegalArgumentException("the label column " + label + " cannot be dropped");
            }
            if (drop.stream().distinct().count() != drop.size()) {
                throw new IllegalArgumentException("drop lists a column twice: " + drop);
            }
            for (LabelColumn c : categorical.keySet()) {
                if (c.equals(label) || drop.contains(c)) {
                    throw new IllegalArgumentException("categorical column " + c + " is the label or dropped");
                }
            }
        }

        /** A table with a header, nothing dropped, missing values refused, every feature numeric. */
        public Csv(Path path, LabelColumn label, Kind kind, double validationFraction) {
            this(path, label, kind, validationFraction, true, List.of(), Missing.ERROR, Map.of());
        }

        /** What a missing value does; {@code data.missing} in a task file. */
        public enum Missing {
            /** Stop at the first one, naming its line and column. */
            ERROR,
            /** Leave out the rows that have one. */
            DROP,
            /** Fill in the training split's mean (numeric) or most common category; leave out rows missing the label. */
            MEAN
        }

        /** How a categorical column becomes numbers; the values of {@code data.categorical}. */
        public enum Encoding {
            /** One 0/1 feature per category. */
            ONEHOT,
            /** One feature: the category's index in sorted order. */
            ORDINAL
        }

        @Override
        public DataFormat format() {
            return DataFormat.CSV;
        }

        /** What the label column holds; {@code data.kind} in a task file. */
        public enum Kind {
            /** Class names or numbers; the model predicts a class (cross-entropy, accuracy). */
            CLASSIFICATION,
            /** A number; the model predicts it (mean squared error). */
            REGRESSION;

            /** The name used in task files: {@code classification}, {@code regression}. */
            public String key() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }
}
