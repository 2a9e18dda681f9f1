package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureSplitTest {

    @TempDir
    Path dir;

    @Test
    void statisticsComeFromTrainingRowsOnly() {
        // 10 rows; whatever the validation rows hold, train statistics and train features are unchanged.
        Csv.Table a = table(1000);
        Csv.Table b = table(-5);
        FeatureSplit sa = FeatureSplit.ofTable(a, FeatureSplit.Scaling.PER_COLUMN, 0.3, 11, Split.NO_LIMIT);
        FeatureSplit sb = FeatureSplit.ofTable(b, FeatureSplit.Scaling.PER_COLUMN, 0.3, 11, Split.NO_LIMIT);
        assertArrayEquals(sa.features().mean(), sb.features().mean());
        assertArrayEquals(sa.features().std(), sb.features().std());
        assertArrayEquals(sa.train().features(), sb.train().features());
        assertEquals(sa.targets(), sb.targets());
    }

    /** Rows 0..9 with features (i, 2i) and target 3i; the 3 validation rows (seed 11) get {@code validationValue}. */
    private static Csv.Table table(float validationValue) {
        int[] validation = Split.shuffled(10, 0.3, 11).validation();
        float[] x = new float[20];
        float[] y = new float[10];
        for (int i = 0; i < 10; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 2 * i;
            y[i] = 3 * i;
        }
        for (int v : validation) {
            x[2 * v] = validationValue;
            x[2 * v + 1] = validationValue;
            y[v] = validationValue;
        }
        return new Csv.Table("t", Csv.Kind.REGRESSION, java.util.List.of("a", "b"), "y", 10, x, null, null, y);
    }

    @Test
    void trainingFeaturesAndTargetsAreStandardized() {
        FeatureSplit s = FeatureSplit.ofTable(table(7), FeatureSplit.Scaling.PER_COLUMN, 0.3, 11, Split.NO_LIMIT);
        float[] f = s.train().features();
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < s.train().size(); r++) {
                sum += f[r * 2 + c];
                squares += f[r * 2 + c] * f[r * 2 + c];
            }
            assertEquals(0, sum / s.train().size(), 1e-6);
            assertEquals(1, squares / s.train().size(), 1e-5);
        }
        double targetSum = 0;
        for (float t : s.train().targets()) {
            targetSum += t;
        }
        assertEquals(0, targetSum, 1e-5);
        // validation rows (all 7) use the training statistics
        float expected = (float) ((7 - s.targets().mean()) / s.targets().std());
        for (float t : s.validation().targets()) {
            assertEquals(expected, t, 1e-6);
        }
        assertEquals(7, s.targets().toOriginal(expected), 1e-5);
    }

    @Test
    void scalarScalingUsesOneMeanForAllValues() {
        FeatureDataset train = FeatureDataset.classification(new float[] {0, 2, 4, 6}, 2, new int[] {0, 1}, 2);
        FeatureDataset validation = FeatureDataset.classification(new float[] {3, 3}, 2, new int[] {1}, 2);
        FeatureSplit s = FeatureSplit.standardize(train, validation, FeatureSplit.Scaling.SCALAR);
        assertArrayEquals(new float[] {3}, s.features().mean());
        assertEquals((float) Math.sqrt(5), s.features().std()[0], 1e-6);
        assertArrayEquals(new float[] {0, 0}, s.validation().features());
        assertNull(s.targets());
        assertArrayEquals(new float[] {0, 2, 4, 6}, train.features(), "the given sets are left as they were");
    }

    @Test
    void constantColumnIsOnlyCentred() {
        Standardization s = Standardization.perColumn(new float[] {5, 1, 5, 3}, 2);
        assertArrayEquals(new float[] {5, 2}, s.mean());
        assertArrayEquals(new float[] {1, 1}, s.std());
        assertArrayEquals(new float[] {0, -1, 0, 1}, s.apply(new float[] {5, 1, 5, 3}, 2));
    }

    @Test
    void imagesAreScaledTo01ThenStandardizedWithTrainingPixels() {
        // training pixels 0 and 255 (mean 0.5, std 0.5 after /255); test pixel 255 -> (1 - 0.5) / 0.5 = 1
        Path trainImages = Fixtures.write(dir, "train-images",
                Fixtures.idxImages(Idx.IMAGES_MAGIC, 2, 1, 1, new byte[] {0, (byte) 255}));
        Path trainLabels = Fixtures.write(dir, "train-labels", Fixtures.idxLabels(0, 1));
        Path testImages = Fixtures.write(dir, "test-images",
                Fixtures.idxImages(Idx.IMAGES_MAGIC, 1, 1, 1, new byte[] {(byte) 255}));
        Path testLabels = Fixtures.write(dir, "test-labels", Fixtures.idxLabels(1));
        FeatureSplit s = FeatureSplit.ofImages(Idx.readLabeled(trainImages, trainLabels, 2),
                Idx.readLabeled(testImages, testLabels, 2), 1, Split.NO_LIMIT);
        assertEquals(0.5f, s.features().mean()[0], 1e-7);
        assertEquals(0.5f, s.features().std()[0], 1e-7);
        assertArrayEquals(new float[] {1}, s.validation().features());
        assertArrayEquals(new int[] {1}, s.validation().labels());
        assertEquals(2, s.train().size());
    }

    @Test
    void trainLimitKeepsValidationWhole() {
        FeatureSplit s = FeatureSplit.ofTable(table(0), FeatureSplit.Scaling.PER_COLUMN, 0.3, 11, 4);
        assertEquals(4, s.train().size());
        assertEquals(3, s.validation().size());
    }
}
