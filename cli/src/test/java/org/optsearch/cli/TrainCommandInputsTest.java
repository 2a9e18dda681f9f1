package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optsearch train} on task files that used to crash: a huge batch, a huge model. */
class TrainCommandInputsTest {

    @TempDir
    Path dir;

    private Path task(String model, int batch) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        }
        Files.writeString(dir.resolve("t.csv"), csv);
        return Files.writeString(dir.resolve("t.yaml"), "name: t\nmodel: " + model + "\n"
                + "data: {format: csv, path: t.csv, label: y, kind: classification}\n"
                + "train: {steps: 3, batchSize: " + batch + "}\n");
    }

    @Test
    void batchLargerThanTheDataTrainsFullBatchWithANote() throws Exception {
        Path task = task("{type: mlp, hidden: [4]}", 65536);
        Cli.Run run = Cli.run("train", "--task", task, "--program", Cli.program("sgd.opt"), "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("note: t: batch size 65536 is larger than the training set (32 examples); each"
                + " step trains on all 32 (full batch)"), run.err());
    }

    @Test
    void modelTooLargeForAnArrayExits2NamingTheKey() throws Exception {
        Path task = task("{type: mlp, hidden: [65536, 65536, 65536]}", 64);
        Cli.Run run = Cli.run("train", "--task", task, "--program", Cli.program("sgd.opt"));
        assertEquals(2, run.exit());
        assertEquals(List.of("optsearch: " + task + ": $.model.hidden: the model would have 8,590,393,346 parameters;"
                + " at most 2,147,483,639 fit in one float array (the Java limit); use narrower or fewer hidden layers"),
                run.errLines());
    }
}
