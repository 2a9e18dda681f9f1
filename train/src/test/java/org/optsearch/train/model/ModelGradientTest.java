package org.optsearch.train.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.train.nn.Activation;

/**
 * Whole models, wired from layers: the analytic gradient of the mean loss matches central finite
 * differences of {@link Model#evaluate} (its summed loss, computed in float, divided in double) on
 * random coordinates. The layers have their own double-precision checks; this one catches wiring
 * mistakes (a residual forgotten, a buffer swapped), which give errors of order one.
 */
class ModelGradientTest {
    private static final double H = 1e-2;

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("mlp classifier", (Supplier<Model>) () -> new Mlp(6, new int[] {5, 4}, 3, Activation.TANH, false),
                        (Supplier<Batch>) () -> features(7, 6, 3)),
                Arguments.of("mlp regression", (Supplier<Model>) () -> new Mlp(6, new int[] {5}, 1, Activation.GELU, true),
                        (Supplier<Batch>) () -> features(7, 6, 0)),
                Arguments.of("vit mean pooling", (Supplier<Model>) () -> new Vit(4, 4, 1, 2, 3, 8, 2, 2, 2, Vit.Pooling.MEAN),
                        (Supplier<Batch>) () -> features(3, 16, 3)),
                Arguments.of("vit class token", (Supplier<Model>) () -> new Vit(4, 4, 1, 2, 3, 8, 1, 2, 2, Vit.Pooling.CLS),
                        (Supplier<Batch>) () -> features(3, 16, 3)),
                Arguments.of("char transformer", (Supplier<Model>) () -> new CharTransformer(5, 6, 8, 2, 2, 2),
                        (Supplier<Batch>) () -> tokens(3, 6, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void gradientMatchesFiniteDifferences(String name, Supplier<Model> make, Supplier<Batch> batches) {
        Model model = make.get();
        Batch batch = batches.get();
        float[] w = new float[model.layout().size()];
        model.initialize(w, new SplittableRandom(1));
        float[] grad = new float[w.length];
        model.lossAndGradient(w, batch, grad);
        SplittableRandom pick = new SplittableRandom(2);
        int worst = -1;
        double worstError = 0;
        for (int k = 0; k < 60; k++) {
            int i = pick.nextInt(w.length);
            float original = w[i];
            w[i] = (float) (original + H);
            double plus = meanLoss(model, w, batch);
            w[i] = (float) (original - H);
            double minus = meanLoss(model, w, batch);
            w[i] = original;
            double numeric = (plus - minus) / (2 * H);
            double error = Math.abs(numeric - grad[i]) / (2e-3 + 0.05 * Math.abs(numeric));
            if (error > worstError) {
                worstError = error;
                worst = i;
            }
        }
        assertTrue(worstError <= 1, name + ": parameter " + worst + " gradient " + grad[Math.max(worst, 0)]
                + " vs finite differences, error ratio " + worstError);
    }

    private static double meanLoss(Model model, float[] w, Batch batch) {
        Model.Evaluation e = model.evaluate(w, batch);
        return e.lossSum() / e.predictions();
    }

    private static Batch features(int rows, int width, int classes) {
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        if (classes == 0) {
            float[] targets = new float[rows];
            for (int i = 0; i < rows; i++) {
                targets[i] = (float) rnd.nextGaussian();
            }
            return new Batch.Features(rows, width, x, null, targets);
        }
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rnd.nextInt(classes);
        }
        return new Batch.Features(rows, width, x, labels, null);
    }

    private static Batch tokens(int rows, int length, int vocab) {
        SplittableRandom rnd = new SplittableRandom(4);
        int[] t = new int[rows * (length + 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = rnd.nextInt(vocab);
        }
        return new Batch.Tokens(rows, length, t);
    }
}
