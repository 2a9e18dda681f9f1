package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.train.model.Batch;

/** The files shipped in data/ load with the shapes SOURCES.md gives. */
class BuiltinDataTest {

    private static final Path DATA = BuiltinData.findDataDir(Path.of(""));

    /** MNIST is read once for all tests here (about 55 MB of pixels). */
    private static Idx.LabeledImages mnistTrain;
    private static Idx.LabeledImages mnistTest;

    private static synchronized Idx.LabeledImages mnistTrain() {
        if (mnistTrain == null) {
            mnistTrain = BuiltinData.mnistTrain(DATA);
        }
        return mnistTrain;
    }

    private static synchronized Idx.LabeledImages mnistTest() {
        if (mnistTest == null) {
            mnistTest = BuiltinData.mnistTest(DATA);
        }
        return mnistTest;
    }

    @Test
    void mnistHas60000TrainingAnd10000TestImagesOf28x28() {
        Idx.LabeledImages train = mnistTrain();
        Idx.LabeledImages test = mnistTest();
        assertEquals(60000, train.count());
        assertEquals(10000, test.count());
        assertEquals(28, train.images().rows());
        assertEquals(28, train.images().cols());
        assertEquals(784, test.images().pixelsPerImage());
        assertEquals(60000 * 784, train.images().pixels().length);
        int[] perClass = new int[10];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949}, perClass);
        assertEquals(5, train.labels()[0]);
        assertEquals(7, test.labels()[0]);
    }

    @Test
    void mnistPixelStatisticsAreTheWellKnownOnes() {
        FeatureSplit s = FeatureSplit.ofImages(mnistTrain(), mnistTest(), 1, Split.NO_LIMIT);
        assertEquals(0.1307, s.features().mean()[0], 1e-4);
        assertEquals(0.3081, s.features().std()[0], 1e-4);
        assertEquals(60000, s.train().size());
        assertEquals(784, s.train().width());
        assertEquals(10000, s.validation().size());
        assertEquals(10, s.train().numClasses());
        assertArrayEquals(mnistTest().labels(), s.validation().labels());
    }

    @Test
    void mnistTrainLimitTakesAShuffledSubsetAndKeepsAllTestImages() {
        FeatureSplit a = FeatureSplit.ofImages(mnistTrain(), mnistTest(), 5, 1000);
        FeatureSplit b = FeatureSplit.ofImages(mnistTrain(), mnistTest(), 5, 1000);
        assertEquals(1000, a.train().size());
        assertEquals(10000, a.validation().size());
        assertArrayEquals(a.train().labels(), b.train().labels());
        assertEquals(10, IntStream.of(a.train().labels()).distinct().count());
    }

    @Test
    void digitsAre1797ImagesOf64PixelsIn10Classes() {
        Csv.Table t = BuiltinData.digits(DATA);
        assertEquals(1797, t.rows());
        assertEquals(64, t.width());
        assertEquals(10, t.numClasses());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), t.classes());
        assertEquals("pixel_7_7", t.featureNames().get(63));
        for (float v : t.x()) {
            assertTrue(v >= 0 && v <= 16, "pixel " + v);
        }
        FeatureSplit s = FeatureSplit.ofTable(t, FeatureSplit.Scaling.SCALAR, Split.DEFAULT_VALIDATION_FRACTION, 1,
                Split.NO_LIMIT);
        assertEquals(1438, s.train().size());
        assertEquals(359, s.validation().size());
    }

    @Test
    void breastCancerIs569RowsOf30FeaturesIn2Classes() {
        Csv.Table t = BuiltinData.breastCancer(DATA);
        assertEquals(569, t.rows());
        assertEquals(30, t.width());
        assertEquals(List.of("0", "1"), t.classes());
        assertEquals(212, IntStream.of(t.labels()).filter(l -> l == 0).count()); // malignant
        assertEquals("mean radius", t.featureNames().get(0));
        assertEquals(17.99f, t.x()[0]);
    }

    @Test
    void diabetesIs442RowsOf10FeaturesWithARegressionTarget() {
        Csv.Table t = BuiltinData.diabetes(DATA);
        assertEquals(442, t.rows());
        assertEquals(10, t.width());
        assertEquals(Csv.Kind.REGRESSION, t.kind());
        assertNull(t.labels());
        assertArrayEquals(new float[] {151, 75, 141}, java.util.Arrays.copyOf(t.targets(), 3));
        FeatureSplit s = FeatureSplit.ofTable(t, FeatureSplit.Scaling.PER_COLUMN, 0.2, 1, Split.NO_LIMIT);
        assertEquals(354, s.train().size());
        assertEquals(88, s.validation().size());
        assertTrue(s.targets().mean() > 140 && s.targets().mean() < 165, "mean target " + s.targets().mean());
        assertTrue(s.targets().std() > 70 && s.targets().std() < 85, "target std " + s.targets().std());
    }

    @Test
    void austenIsFourMillionCharactersOf81Kinds() {
        Text t = BuiltinData.austen(DATA);
        assertEquals(4_025_028, t.length());
        assertEquals(81, t.vocabSize());
        assertEquals("SENSE AND SENSIBILITY", t.decode(t.ids(), 0, 21));
        TokenSplit s = TokenSplit.of(t, 128, 0.1, 1, Split.NO_LIMIT);
        assertEquals(4_025_028 - 402_503 - 128, s.train().size());
        assertEquals((402_503 - 1) / 128, s.validation().size());
        Batch.Tokens b = (Batch.Tokens) new Batcher(s.train(), 4, new SplittableRandom(1)).next();
        assertEquals(4 * 129, b.tokens().length);
    }

    @Test
    void dataFolderIsFoundFromBelowAndItsAbsenceIsExplained(@TempDir Path elsewhere) {
        assertEquals(DATA, BuiltinData.findDataDir(DATA.resolve("mnist")));
        DataException e = assertThrows(DataException.class, () -> BuiltinData.findDataDir(elsewhere));
        assertTrue(e.getMessage().startsWith("no data/SOURCES.md in " + elsewhere.toAbsolutePath()), e.getMessage());
    }
}
