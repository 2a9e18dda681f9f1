package org.optsearch.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.optsearch.train.model.Batch;

/**
 * A DJL 64-32-10 ReLU MLP with softmax cross-entropy (the mean over the batch, as our Mlp), trained by a
 * DJL {@link Trainer} with the given optimizer, one step as DJL's {@code EasyTrain.trainBatch} runs it.
 */
final class DjlMlp implements AutoCloseable {
    static final int HIDDEN = 32;

    private final Model model;
    private final Trainer trainer;

    DjlMlp(Optimizer optimizer) {
        Engine.getEngine("PyTorch").setRandomSeed(1); // the same initial weights every run
        model = Model.newInstance("digits-mlp", Device.cpu(), "PyTorch");
        model.setBlock(new SequentialBlock()
                .add(Linear.builder().setUnits(HIDDEN).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(DigitsData.CLASSES).build()));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(optimizer)
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.AVG, 3f), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        trainer.initialize(new Shape(1, DigitsData.FEATURES));
    }

    Model model() {
        return model;
    }

    /** The parameters in block order: layer 1 weight (32 x 64), bias, layer 2 weight (10 x 32), bias. */
    List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>();
        model.getBlock().getParameters().forEach(p -> list.add(p.getValue()));
        return list;
    }

    /** One training step on the batch; returns the loss before it. */
    float step(Batch.Features batch) {
        try (NDManager step = model.getNDManager().newSubManager()) {
            NDArray x = step.create(batch.x(), new Shape(batch.size(), batch.width()));
            NDArray labels = step.create(toLong(batch.labels()));
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(x));
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(labels), predictions);
                collector.backward(lossValue);
                loss = lossValue.getFloat();
            }
            trainer.step();
            return loss;
        }
    }

    /** The fraction of the batch whose arg-max prediction is its label. */
    double accuracy(Batch.Features batch) {
        try (NDManager eval = model.getNDManager().newSubManager()) {
            NDArray x = eval.create(batch.x(), new Shape(batch.size(), batch.width()));
            NDArray logits = trainer.evaluate(new NDList(x)).singletonOrThrow();
            long[] predicted = logits.argMax(1).toLongArray();
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == batch.labels()[i] ? 1 : 0;
            }
            return (double) correct / batch.size();
        }
    }

    private static long[] toLong(int[] labels) {
        long[] out = new long[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
