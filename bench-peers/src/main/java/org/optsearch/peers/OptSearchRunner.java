package org.optsearch.peers;

import java.util.SplittableRandom;
import org.optsearch.exec.Executor;
import org.optsearch.lang.Program;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.CharTransformer;
import org.optsearch.train.model.Mlp;
import org.optsearch.train.model.Model;
import org.optsearch.train.nn.Activation;

/**
 * OptSearch's own kernels: {@code model.lossAndGradient(w, batch, grad)}, then the fused executor's step of
 * the AdamW program, exactly the body of the training loop in {@code org.optsearch.train.run.Trainer}. The
 * learning-rate input is 1.0 (the schedule's peak); the program scales it by its {@code lr_scale} of 0.001.
 */
public final class OptSearchRunner implements StepRunner {
    private final Model model;
    private final Batch batch;
    private final Executor executor;
    private final float[] w;
    private final float[] grad;
    private final float[][] state;

    public OptSearchRunner(Workload workload, Workload.Data data, String adamwProgram, long seed) {
        this.model = switch (workload.kind()) {
            case MLP -> new Mlp(workload.inputs(), new int[] {workload.width()}, workload.classes(), Activation.RELU,
                    false);
            case CHAR_TRANSFORMER -> new CharTransformer(workload.classes(), Workload.CONTEXT, workload.width(),
                    Workload.DEPTH, Workload.HEADS, Workload.MLP_RATIO);
        };
        this.batch = switch (workload.kind()) {
            case MLP -> new Batch.Features(workload.batch(), workload.inputs(), data.x(), data.labels(), null);
            case CHAR_TRANSFORMER -> new Batch.Tokens(workload.batch(), Workload.CONTEXT, data.tokens());
        };
        this.w = new float[model.layout().size()];
        this.grad = new float[w.length];
        model.initialize(w, new SplittableRandom(seed));
        this.executor = Executor.fused(Program.parse(adamwProgram), model.layout());
        this.state = executor.newState();
    }

    @Override
    public double stepWithLoss() {
        double loss = model.lossAndGradient(w, batch, grad);
        executor.step(w, grad, state, 1.0f);
        return loss;
    }

    @Override
    public void step() {
        model.lossAndGradient(w, batch, grad);
        executor.step(w, grad, state, 1.0f);
    }

    @Override
    public long parameterCount() {
        return w.length;
    }
}
