package org.optsearch.train.run;

import java.util.function.Supplier;
import org.optsearch.train.data.Dataset;
import org.optsearch.train.model.Model;

/**
 * A proxy task: a model family, its training and validation data, and how to train. The model is made
 * fresh for every training (models own their activation buffers and are not shared between threads);
 * datasets are read-only and shared.
 */
public record Task(String name, Objective objective, Supplier<Model> model, Dataset train, Dataset validation,
        TrainConfig config) {

    public Task withConfig(TrainConfig newConfig) {
        return new Task(name, objective, model, train, validation, newConfig);
    }
}
