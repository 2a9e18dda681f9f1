package org.optsearch.train.run;

import java.util.function.Supplier;
import org.optsearch.train.data.Dataset;
import org.optsearch.train.model.Model;

/**
 * A proxy task: a model family, its training and validation data, and how to train. The model is made
 * fresh for every training (models own their activation buffers and are not shared between threads);
 * datasets are read-only and shared.
 *
 * <p>A batch size larger than the training set trains on the whole set at every step (full-batch
 * training, as Keras does with a batch larger than the data); {@link #batchSize()} is the size
 * used and {@link #batchNote()} says so. The configuration keeps the size as it was asked for.
 */
public record Task(String name, Objective objective, Supplier<Model> model, Dataset train, Dataset validation,
        TrainConfig config) {

    /** Examples per training step: the configured batch size, or the whole training set if that is smaller. */
    public int batchSize() {
        return Math.min(config.batchSize(), train.size());
    }

    /** A line for the user when the batch size was capped at the training set's size; null otherwise. */
    public String batchNote() {
        if (config.batchSize() <= train.size()) {
            return null;
        }
        return "note: " + name + ": batch size " + config.batchSize() + " is larger than the training set ("
                + train.size() + " examples); each step trains on all " + train.size() + " (full batch)";
    }

    public Task withConfig(TrainConfig newConfig) {
        return new Task(name, objective, model, train, validation, newConfig);
    }
}
