package org.optsearch.train.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data sets shipped in the project's {@code data/} folder (provenance in {@code
 * data/SOURCES.md}), read and checked; raw, not split or normalized (see {@link FeatureSplit},
 * {@link TokenSplit}).
 */
public final class BuiltinData {

    /** The file that marks the data folder. */
    public static final String MARKER = "SOURCES.md";
    /** The label column of every built-in table. */
    public static final String LABEL = "target";

    private BuiltinData() {
    }

    /** The {@code data/} folder (holding {@code SOURCES.md}) in {@code start} or the nearest folder above it. */
    public static Path findDataDir(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path data = dir.resolve("data");
            if (Files.isRegularFile(data.resolve(MARKER))) {
                return data;
            }
        }
        throw new DataException("no data/" + MARKER + " in " + start.toAbsolutePath().normalize()
                + " or any folder above it: run from inside the OptSearch checkout, or give the data folder");
    }

    /** The 60,000 MNIST training images, labels 0-9. */
    public static Idx.LabeledImages mnistTrain(Path dataDir) {
        return Idx.readLabeled(dataDir.resolve("mnist/train-images-idx3-ubyte.gz"),
                dataDir.resolve("mnist/train-labels-idx1-ubyte.gz"), 10);
    }

    /** The 10,000 MNIST test images, labels 0-9: the validation set of the MNIST tasks. */
    public static Idx.LabeledImages mnistTest(Path dataDir) {
        return Idx.readLabeled(dataDir.resolve("mnist/t10k-images-idx3-ubyte.gz"),
                dataDir.resolve("mnist/t10k-labels-idx1-ubyte.gz"), 10);
    }

    /** 1,797 8x8 digits, 64 pixel values 0-16, 10 classes. */
    public static Csv.Table digits(Path dataDir) {
        return Csv.read(dataDir.resolve("digits.csv.gz"), Csv.Column.named(LABEL), Csv.Kind.CLASSIFICATION);
    }

    /** 569 tumours, 30 features, 2 classes (0 malignant, 1 benign). */
    public static Csv.Table breastCancer(Path dataDir) {
        return Csv.read(dataDir.resolve("breast_cancer.csv"), Csv.Column.named(LABEL), Csv.Kind.CLASSIFICATION);
    }

    /** 442 patients, 10 raw features, a regression target (disease progression, 25-346). */
    public static Csv.Table diabetes(Path dataDir) {
        return Csv.read(dataDir.resolve("diabetes.csv.gz"), Csv.Column.named(LABEL), Csv.Kind.REGRESSION);
    }

    /** Jane Austen's six novels, about 4.0 million characters, 81 distinct. */
    public static Text austen(Path dataDir) {
        return Text.read(dataDir.resolve("text/austen_all.txt.gz"));
    }
}
