package org.optsearch.train.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.train.data.DataException;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;

/** Task files over the data users actually have train end to end, or stop with a message. */
class UsersTablesTest {
    private static final Program SGD = Program.parse("""
            def train(w, g, lr):
              lr = lr * 0.1
              update = g * lr
              return update
            """);

    @TempDir
    Path dir;

    @Test
    void headerlessTableWithMissingValuesCategoriesAndAnIdTrains() throws IOException {
        StringBuilder csv = new StringBuilder();
        SplittableRandom rnd = new SplittableRandom(7);
        String[] colors = {"red", "green", "blue"};
        for (int i = 0; i < 300; i++) {
            double a = rnd.nextGaussian();
            String color = colors[rnd.nextInt(3)];
            String size = rnd.nextInt(10) == 0 ? "NA" : Integer.toString(rnd.nextInt(5));
            boolean positive = a + (color.equals("red") ? 1 : 0) > 0.5;
            csv.append("id").append(i).append(',').append(a).append(',').append(color).append(',').append(size)
                    .append(',').append(positive ? "yes" : "no").append('\n');
        }
        Files.writeString(dir.resolve("people.csv"), csv);
        Path task = Files.writeString(dir.resolve("people.yaml"), """
                name: people
                model: {type: mlp, hidden: [16]}
                data:
                  format: csv
                  path: people.csv
                  header: false
                  label: 4
                  kind: classification
                  drop: [0]
                  missing: mean
                  categorical: {"2": onehot, "3": ordinal}
                train: {steps: 100, batchSize: 32}
                """);
        Task t = Tasks.resolve(task.toString());
        assertEquals(1 + 3 + 1, ((org.optsearch.train.data.FeatureDataset) t.train()).width());
        TrainResult r = Trainer.train(t, SGD, "sgd");
        assertFalse(r.diverged());
    }

    @Test
    void strayLabel255InAnIdxTaskIsRefusedNotANewClass() throws IOException {
        int[] labels = {0, 1, 0, 1, 255, 1};
        write("train-images", images(labels.length));
        write("train-labels", labels(labels));
        write("test-images", images(2));
        write("test-labels", labels(new int[] {0, 1}));
        Path task = Files.writeString(dir.resolve("digits.yaml"), """
                name: digits
                model: {type: mlp, hidden: [4]}
                data: {format: idx, trainImages: train-images, trainLabels: train-labels,
                       testImages: test-images, testLabels: test-labels}
                train: {steps: 5, batchSize: 2}
                """);
        DataException e = assertThrows(DataException.class, () -> Tasks.resolve(task.toString()));
        assertEquals("train-labels: label 255 at index 4 (byte offset 12) leaves 253 of the classes 0..255 without"
                + " any example (the first is 2); classes are the labels 0..k-1 without gaps, so fix or drop that"
                + " label", e.getMessage());
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 4);
        b.putInt(0x803).putInt(count).putInt(2).putInt(2);
        for (int i = 0; i < count * 4; i++) {
            b.put((byte) (i * 37));
        }
        return b.array();
    }

    private static byte[] labels(int[] labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(0x801).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }
}
