package org.optsearch.suite;

import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;
import org.optsearch.train.model.Batch;
import org.optsearch.train.model.Model;

/** A model whose initial weights are its own times a factor: the init-scale variant of a workload. */
record ScaledInit(Model model, double factor) implements Model {
    @Override
    public ParamLayout layout() {
        return model.layout();
    }

    @Override
    public void initialize(float[] w, SplittableRandom rnd) {
        model.initialize(w, rnd);
        for (int i = 0; i < w.length; i++) {
            w[i] *= (float) factor;
        }
    }

    @Override
    public double lossAndGradient(float[] w, Batch batch, float[] grad) {
        return model.lossAndGradient(w, batch, grad);
    }

    @Override
    public Evaluation evaluate(float[] w, Batch batch) {
        return model.evaluate(w, batch);
    }
}
