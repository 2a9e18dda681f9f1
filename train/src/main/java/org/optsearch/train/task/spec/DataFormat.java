package org.optsearch.train.task.spec;

import java.util.Locale;

/** How a task's data is stored; the {@code data.format} key of a task file. */
public enum DataFormat {
    /** MNIST-style IDX image and label files (train and test), optionally gzipped. */
    IDX,
    /** One text file for a character language model. */
    TEXT,
    /** A CSV table with a header row: numeric feature columns and one label column. */
    CSV;

    /** The name used in task files: {@code idx}, {@code text}, {@code csv}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
