package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;

/**
 * The named optimizers are their programs (the reference interpreter on the same program gives the
 * same weights), their settings reach the right hyperparameters, and the update rules are the
 * published ones (checked against formulas written out in double).
 */
class OptimizersTest {
    static final ParamLayout LAYOUT = ParamLayout.of(300, 17, 64);
    static final int STEPS = 12;

    /** Runs {@code STEPS} steps on a fixed gradient sequence; returns the final weights. */
    static float[] run(Optimizer optimizer) {
        float[] w = initial();
        OptimizerState state = optimizer.newState(LAYOUT);
        SplittableRandom rnd = new SplittableRandom(7);
        float[] g = new float[w.length];
        for (int s = 0; s < STEPS; s++) {
            fill(g, rnd);
            optimizer.step(w, g, state);
        }
        return w;
    }

    static float[] initial() {
        float[] w = new float[LAYOUT.size()];
        fill(w, new SplittableRandom(3));
        return w;
    }

    static void fill(float[] a, SplittableRandom rnd) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
    }

    /** The same program stepped by the reference interpreter with lr = the schedule's factor. */
    static float[] runReference(ProgramOptimizer optimizer) {
        Executor ref = Executor.reference(optimizer.program(), LAYOUT);
        float[] w = initial();
        float[][] state = ref.newState();
        SplittableRandom rnd = new SplittableRandom(7);
        float[] g = new float[w.length];
        for (int s = 0; s < STEPS; s++) {
            fill(g, rnd);
            ref.step(w, g, state, (float) optimizer.schedule().at(s));
        }
        return w;
    }

    static void assertClose(float[] expected, float[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            assertTrue(diff <= tolerance * (1 + Math.abs(expected[i])),
                    "element " + i + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    @Test
    void everyNamedOptimizerRunsItsProgram() {
        Map<String, Supplier<Optimizer>> named = Map.of(
                "lion", () -> Optimizers.lion().setLearningRate(3e-4).optBeta1(0.8).build(),
                "adamw", () -> Optimizers.adamw().setLearningRate(1e-3).optWeightDecay(0.1).build(),
                "sgd", () -> Optimizers.sgd().setLearningRate(0.1).build(),
                "sgd momentum", () -> Optimizers.sgd().setLearningRate(0.1).optMomentum(0.5).build(),
                "sgd nesterov", () -> Optimizers.sgd().setLearningRate(0.1).optMomentum(0.5).optNesterov(true).build(),
                "signum", () -> Optimizers.signum().setLearningRate(1e-3).build(),
                "adagrad", () -> Optimizers.adagrad().setLearningRate(0.01).build(),
                "rmsprop", () -> Optimizers.rmsprop().setLearningRate(1e-3).optRho(0.9).build());
        named.forEach((name, make) -> {
            ProgramOptimizer optimizer = (ProgramOptimizer) make.get();
            assertClose(runReference(optimizer), run(optimizer), 1e-5);
        });
    }

    @Test
    void lionIsThePapersFormula() {
        double lr = 3e-4;
        double b1 = 0.85;
        double b2 = 0.98;
        double wd = 0.5;
        Optimizer lion = Optimizers.lion().setLearningRate(lr).optBeta1(b1).optBeta2(b2).optWeightDecay(wd)
                .optSchedule(Schedule.linearDecay(0, 20)).build();
        double[] w = toDouble(initial());
        double[] m = new double[w.length];
        SplittableRandom rnd = new SplittableRandom(7);
        float[] g = new float[w.length];
        for (int s = 0; s < STEPS; s++) {
            fill(g, rnd);
            double rate = lr * Schedule.linearDecay(0, 20).at(s);
            for (int i = 0; i < w.length; i++) {
                double c = b1 * m[i] + (1 - b1) * g[i];
                w[i] -= rate * (Math.signum(c) + wd * w[i]);
                m[i] = b2 * m[i] + (1 - b2) * g[i];
            }
        }
        assertClose(toFloat(w), run(lion), 1e-5);
    }

    @Test
    void adamwAndNesterovAreTheirFormulas() {
        double[] w = toDouble(initial());
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] wn = toDouble(initial());
        double[] buf = new double[w.length];
        SplittableRandom rnd = new SplittableRandom(7);
        float[] g = new float[w.length];
        for (int s = 0; s < STEPS; s++) {
            fill(g, rnd);
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                w[i] -= 1e-3 * (m[i] / (Math.sqrt(v[i]) + 1e-8) + 0.01 * w[i]);
                buf[i] = 0.5 * buf[i] + g[i];
                wn[i] -= 0.1 * (g[i] + 0.5 * buf[i]);
            }
        }
        assertClose(toFloat(w), run(Optimizers.adamw().setLearningRate(1e-3).build()), 1e-5);
        assertClose(toFloat(wn), run(Optimizers.sgd().setLearningRate(0.1).optMomentum(0.5).optNesterov(true)
                .build()), 1e-5);
    }

    @Test
    void settingsReachTheirHyperparameters() {
        ProgramOptimizer lion = (ProgramOptimizer) Optimizers.lion().setLearningRate(2e-4).optBeta1(0.8)
                .optBeta2(0.95).optWeightDecay(0.3).build();
        assertEquals(Map.of("beta1", 0.8, "beta2", 0.95, "wd", 0.3, "lr_scale", 2e-4),
                lion.program().hyperparameters());
        ProgramOptimizer rms = (ProgramOptimizer) Optimizers.rmsprop().setLearningRate(0.01).optEpsilon(1e-6).build();
        assertEquals(1e-6, rms.program().hyperparameters().get("eps"));
    }

    @Test
    void badValuesAreRejectedWithTheOptimizerSettingAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.lion().optBeta1(1.0));
        assertEquals("lion: beta1 must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.adamw().setLearningRate(-1));
        assertEquals("adamw: learning rate must be finite and > 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.sgd().optMomentum(Double.NaN));
        assertTrue(e.getMessage().contains("momentum") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.lion().optWeightDecay(-0.1));
        assertTrue(e.getMessage().contains("weight decay must be finite and >= 0, got -0.1"), e.getMessage());
        var missing = assertThrows(IllegalStateException.class, () -> Optimizers.lion().build());
        assertEquals("lion: setLearningRate(...) is required", missing.getMessage());
        var nesterov = assertThrows(IllegalStateException.class,
                () -> Optimizers.sgd().setLearningRate(0.1).optNesterov(true).build());
        assertTrue(nesterov.getMessage().contains("optMomentum"), nesterov.getMessage());
    }

    @Test
    void fromProgramRunsAnyProgramAndNamesItsMistakes() {
        String found = """
                def train(w, g, m, lr, beta=0.9):
                  m = interp(g, m, beta)
                  update = sign(m)
                  lr = lr * 0.001
                  update = update * lr
                  return update, m
                """;
        Optimizer optimizer = Optimizers.fromProgram(found).optHyperparameter("beta", 0.5).build();
        assertEquals("program", optimizer.name());
        float[] expected = run(Optimizers.signum().setLearningRate(1e-3).optMomentum(0.5).build());
        assertArrayEquals(expected, run(optimizer));
        var noScale = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromProgram(found).setLearningRate(0.1));
        assertTrue(noScale.getMessage().contains("lr_scale"), noScale.getMessage());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.fromProgram(found).optHyperparameter("betta", 0.5));
        assertTrue(unknown.getMessage().contains("'betta'") && unknown.getMessage().contains("[beta]"),
                unknown.getMessage());
        var bad = assertThrows(ProgramException.class, () -> Optimizers.fromProgram("""
                def train(w, g, lr):
                  update = sgn(g)
                  return update
                """));
        assertTrue(bad.getMessage().startsWith("2:"), bad.getMessage());
    }

    @Test
    void aStateMadeByAnotherOptimizerOrForOtherBuffersIsRefused() {
        Optimizer lion = Optimizers.lion().setLearningRate(1e-4).build();
        Optimizer other = Optimizers.lion().setLearningRate(2e-4).build();
        OptimizerState state = lion.newState(LAYOUT);
        float[] w = initial();
        var e = assertThrows(IllegalArgumentException.class, () -> other.step(w, w.clone(), state));
        assertTrue(e.getMessage().contains("another optimizer"), e.getMessage());
        var size = assertThrows(IllegalArgumentException.class, () -> lion.step(new float[3], new float[3], state));
        assertTrue(size.getMessage().contains(String.valueOf(LAYOUT.size())), size.getMessage());
    }

    @Test
    void shippedProgramsAreInTheJar() {
        for (String name : new String[] {"lion", "adamw", "adamw_eps", "sgd", "sgd_momentum", "sgd_nesterov", "signum",
                "adagrad", "rmsprop", "lion_raw"}) {
            Program p = Optimizers.shipped(name);
            assertTrue(p.statements().size() > 0, name);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.shipped("adam"));
        assertTrue(e.getMessage().contains("'adam'"));
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
