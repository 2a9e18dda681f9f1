package org.optsearch.train.data;

import java.util.SplittableRandom;

/**
 * Normalized training and validation sets of features, with the training statistics used for
 * both; {@code targets} is the target scaling for regression, null for classification. Statistics
 * come from the training examples actually used (after any training limit), never from
 * validation.
 */
public record FeatureSplit(FeatureDataset train, FeatureDataset validation, Standardization features,
                           TargetScaling targets) {

    /** How features are standardized. */
    public enum Scaling {
        /** Each column with its own mean and std: tables of unlike quantities. */
        PER_COLUMN,
        /** One mean and std for all values: images, whose pixels are alike. */
        SCALAR
    }

    /**
     * Splits a table with {@link Split#shuffled} (validation {@code validationFraction} of the rows),
     * keeps the first {@code trainLimit} training rows ({@link Split#NO_LIMIT} for all), and
     * standardizes features (and regression targets) with training statistics.
     */
    public static FeatureSplit ofTable(Csv.Table table, Scaling scaling, double validationFraction, long seed,
                                       int trainLimit) {
        return ofTable(table, scaling, Split.shuffled(table.rows(), validationFraction, seed).limitTrain(trainLimit));
    }

    /** As above, with the split made already (for a table whose encoding was learned from its training rows). */
    public static FeatureSplit ofTable(Csv.Table table, Scaling scaling, Split split) {
        FeatureDataset all = table.dataset();
        FeatureDataset train = all.rows(split.train());
        FeatureDataset validation = all.rows(split.validation());
        return standardizeOwned(train, validation, scaling); // rows() made copies
    }

    /**
     * MNIST-style images with a separate test set as validation: the training images shuffled with
     * {@code seed}, the first {@code trainLimit} kept ({@link Split#NO_LIMIT} for all); validation
     * is every test image, in file order. Pixels are divided by 255, then standardized with one
     * scalar mean and std of the training pixels.
     */
    public static FeatureSplit ofImages(Idx.LabeledImages train, Idx.LabeledImages test, long seed, int trainLimit) {
        if (train.images().pixelsPerImage() != test.images().pixelsPerImage()) {
            throw new IllegalArgumentException("training images have " + train.images().pixelsPerImage()
                    + " pixels, validation images " + test.images().pixelsPerImage());
        }
        int[] rows = Split.first(Split.permutation(train.count(), new SplittableRandom(seed)), trainLimit);
        FeatureDataset trainSet = images(train, rows);
        int[] all = new int[test.count()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return standardizeOwned(trainSet, images(test, all), Scaling.SCALAR);
    }

    private static FeatureDataset images(Idx.LabeledImages data, int[] rows) {
        int width = data.images().pixelsPerImage();
        byte[] pixels = data.images().pixels();
        float[] x = new float[rows.length * width];
        int[] labels = new int[rows.length];
        for (int j = 0; j < rows.length; j++) {
            int from = rows[j] * width;
            for (int p = 0; p < width; p++) {
                x[j * width + p] = (pixels[from + p] & 0xff) / 255f;
            }
            labels[j] = data.labels()[rows[j]];
        }
        return FeatureDataset.classification(x, width, labels, data.numClasses());
    }

    /** Standardizes both sets with statistics of {@code train} alone; the given sets are not changed. */
    public static FeatureSplit standardize(FeatureDataset train, FeatureDataset validation, Scaling scaling) {
        return standardizeOwned(train.withFeatures(train.features().clone()),
                validation.withFeatures(validation.features().clone()), scaling);
    }

    /** As {@link #standardize}, overwriting the features of the two sets, which nothing else holds. */
    private static FeatureSplit standardizeOwned(FeatureDataset train, FeatureDataset validation, Scaling scaling) {
        Standardization stats = scaling == Scaling.SCALAR ? Standardization.scalar(train.features())
                : Standardization.perColumn(train.features(), train.width());
        stats.applyInPlace(train.features(), train.width());
        stats.applyInPlace(validation.features(), validation.width());
        if (train.isClassification()) {
            return new FeatureSplit(train, validation, stats, null);
        }
        TargetScaling targets = TargetScaling.of(train.targets());
        return new FeatureSplit(train.withTargets(targets.apply(train.targets())),
                validation.withTargets(targets.apply(validation.targets())), stats, targets);
    }
}
