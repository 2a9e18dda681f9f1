package org.optsearch.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classes of IDX label files are inferred as 0..k-1, and a stray label is refused, not a new class. */
class IdxClassesTest {

    @TempDir
    Path dir;

    private Path images(String name, int count) {
        return Fixtures.write(dir, name, Fixtures.idxImages(count, 2, 2));
    }

    private Path labels(String name, int... labels) {
        return Fixtures.write(dir, name, Fixtures.idxLabels(labels));
    }

    @Test
    void classesAreOneMoreThanTheLargestLabelWhenNoneIsMissing() {
        Idx.LabeledImages train = Idx.readTraining(images("ti", 5), labels("tl", 0, 2, 1, 2, 0));
        assertEquals(3, train.numClasses());
    }

    @Test
    void strayByte255AmongDigitsIsRefusedNamingFileIndexAndValue() {
        int[] values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 3};
        DataException e = assertThrows(DataException.class,
                () -> Idx.readTraining(images("train-images", values.length), labels("train-labels", values)));
        assertEquals("train-labels: label 255 at index 10 (byte offset 18) leaves 245 of the classes 0..255 without any"
                + " example (the first is 10); classes are the labels 0..k-1 without gaps, so fix or drop that label",
                e.getMessage());
    }

    @Test
    void heldOutLabelOutsideTheTrainingClassesIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> Idx.readHeldOut(images("test-images", 3), labels("test-labels", 0, 1, 7), 3));
        assertEquals("test-labels: label 7 at index 2 (byte offset 10) is not a class of the training labels (0..2)",
                e.getMessage());
    }

    @Test
    void onlyOneClassIsRefused() {
        DataException e = assertThrows(DataException.class,
                () -> Idx.readTraining(images("i", 2), labels("l", 0, 0)));
        assertEquals("l: every label is 0; classification needs at least two classes", e.getMessage());
    }
}
