package org.optsearch.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * DJL with the PyTorch engine: a {@link Trainer} with DJL's built-in AdamW (lr 0.001, weight decay 0.01,
 * betas 0.9 and 0.999, as the AdamW program), softmax cross-entropy from logits, and one step as DJL's
 * {@code EasyTrain.trainBatch} runs it: forward and loss inside a {@link GradientCollector}, backward, then
 * {@link Trainer#step()}. Each step's intermediate arrays belong to a sub-manager that is closed after the
 * step, as a DJL {@code Batch} closes its manager. Linear weights are Glorot uniform, as OptSearch's.
 */
public final class DjlRunner implements StepRunner {
    private final Model model;
    private final Trainer trainer;
    private final NDManager data;
    private final NDArray input;
    private final NDArray labels;

    public DjlRunner(Workload workload, Workload.Data batch, long seed) {
        Engine.getEngine("PyTorch").setRandomSeed((int) seed);
        model = Model.newInstance(workload.label(), Device.cpu(), "PyTorch");
        model.setBlock(block(workload));
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adamW()
                        .optLearningRateTracker(Tracker.fixed(1e-3f))
                        .optWeightDecays(0.01f)
                        .optBeta1(0.9f)
                        .optBeta2(0.999f)
                        .build())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                        XavierInitializer.FactorType.AVG, 3f), Parameter.Type.WEIGHT)
                .optDevices(new Device[] {Device.cpu()});
        trainer = model.newTrainer(config);
        data = model.getNDManager().newSubManager();
        int b = workload.batch();
        if (workload.kind() == Workload.Kind.MLP) {
            input = data.create(batch.x(), new Shape(b, workload.inputs()));
            labels = data.create(toLong(batch.labels(), 0, 1, b, 1), new Shape(b));
        } else {
            int t = Workload.CONTEXT;
            input = data.create(toLong(batch.tokens(), 0, t + 1, b, t), new Shape(b, t));
            labels = data.create(toLong(batch.tokens(), 1, t + 1, b, t), new Shape((long) b * t));
        }
        trainer.initialize(input.getShape());
    }

    private static Block block(Workload w) {
        return switch (w.kind()) {
            case MLP -> new SequentialBlock()
                    .add(Linear.builder().setUnits(w.width()).build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(w.classes()).build());
            case CHAR_TRANSFORMER -> new DjlCharTransformer(w.classes(), Workload.CONTEXT, w.width(), Workload.DEPTH,
                    Workload.HEADS, Workload.MLP_RATIO);
        };
    }

    /** {@code rows} runs of {@code length} ints, the first at {@code offset}, the next {@code stride} later. */
    private static long[] toLong(int[] values, int offset, int stride, int rows, int length) {
        long[] out = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < length; i++) {
                out[r * length + i] = values[offset + r * stride + i];
            }
        }
        return out;
    }

    @Override
    public double stepWithLoss() {
        return run(true);
    }

    @Override
    public void step() {
        run(false);
    }

    private double run(boolean readLoss) {
        try (NDManager stepManager = data.newSubManager()) {
            // The batch joins the step's manager for the step, so everything computed from it is freed with it.
            input.tempAttach(stepManager);
            labels.tempAttach(stepManager);
            double loss = Double.NaN;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(input));
                NDArray lossValue = trainer.getLoss().evaluate(new NDList(labels), predictions);
                collector.backward(lossValue);
                if (readLoss) {
                    loss = lossValue.getFloat();
                }
            }
            trainer.step();
            return loss;
        }
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (var p : model.getBlock().getParameters().values()) {
            n += p.getArray().getShape().size();
        }
        return n;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
