package org.optsearch.train.task.spec;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A proxy task: which network to train, on which data, for how long. Read one from a file with
 * {@link TaskSpecs#read}; record one with {@link TaskSpecs#write}.
 *
 * @param name  identifies the task in results; letters, digits, {@code . _ -}, at most 64
 *              characters, starting with a letter or digit
 * @param model the network; its {@link ModelType#dataFormats()} include {@code data.format()}
 */
public record TaskSpec(String name, ModelSpec model, DataSpec data, TrainSpec train) {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(train, "train");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("name must be 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit, got '" + name + "'");
        }
        if (!model.type().dataFormats().contains(data.format())) {
            throw new IllegalArgumentException("a " + model.type().key() + " model cannot train on "
                    + data.format().key() + " data");
        }
    }
}
