package org.optsearch.train.task.spec;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The kinds of network a task can train; the {@code model.type} key of a task file. */
public enum ModelType {
    /** Fully connected layers over flattened inputs: images or CSV feature rows. */
    MLP,
    /** A small vision transformer over image patches. */
    VIT,
    /** A character-level transformer language model. */
    CHARLM;

    /** The name used in task files: {@code mlp}, {@code vit}, {@code charlm}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The data formats this model can be trained on. */
    public Set<DataFormat> dataFormats() {
        return switch (this) {
            case MLP -> EnumSet.of(DataFormat.IDX, DataFormat.CSV);
            case VIT -> EnumSet.of(DataFormat.IDX);
            case CHARLM -> EnumSet.of(DataFormat.TEXT);
        };
    }
}
