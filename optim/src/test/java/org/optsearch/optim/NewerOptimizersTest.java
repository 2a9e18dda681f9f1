package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepInput;

/**
 * Each newer optimizer of the library, run as its program by the fused executor for {@link #STEPS} steps
 * on a noisy quadratic, follows its paper's equations written out in double ({@link PaperReferences}),
 * step by step. The gradient depends on the weights, so Lookahead's and Schedule-Free's choice of where to take it
 * is checked too.
 */
class NewerOptimizersTest {
    static final int STEPS = 150;
    /** Matrices and vectors, as a model has them. */
    static final ParamLayout LAYOUT = new ParamLayout(List.of(
            new ParamLayout.Segment("hidden", 0, 12 * 8, 12),
            new ParamLayout.Segment("bias", 96, 8, 1),
            new ParamLayout.Segment("head", 104, 8 * 5, 8, ParamLayout.Role.HEAD),
            new ParamLayout.Segment("out", 144, 5, 1)));
    static final Schedule SCHEDULE = Schedule.warmupCosine(10, 200);

    /** A quadratic with curvatures in [0.5, 2], a random minimum, initial weights and noise per step. */
    record Quadratic(double[] curvature, double[] minimum, double[] initial, double[][] noise) {
        static Quadratic standard() {
            int n = LAYOUT.size();
            Random random = new Random(20241203);
            double[] h = new double[n];
            double[] c = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] = 0.5 + 1.5 * random.nextDouble();
                c[i] = random.nextGaussian();
                w[i] = (float) random.nextGaussian();
            }
            double[][] noise = new double[STEPS][n];
            for (double[] row : noise) {
                for (int i = 0; i < n; i++) {
                    row[i] = 0.3 * random.nextGaussian();
                }
            }
            return new Quadratic(h, c, w, noise);
        }

        double gradient(int step, int i, double w) {
            return curvature[i] * (w - minimum[i]) + noise[step][i];
        }
    }

    static final Quadratic PROBLEM = Quadratic.standard();

    /** The program's run: the weights after each step, the final slots, then the weights to evaluate. */
    static float[][] runProgram(Optimizer optimizer) {
        int n = LAYOUT.size();
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) PROBLEM.initial()[i];
        }
        OptimizerState state = optimizer.newState(LAYOUT);
        float[] g = new float[n];
        float[][] result = new float[STEPS + state.slots().length + 1][];
        for (int s = 0; s < STEPS; s++) {
            for (int i = 0; i < n; i++) {
                g[i] = (float) PROBLEM.gradient(s, i, w[i]);
            }
            optimizer.step(w, g, state);
            result[s] = w.clone();
        }
        System.arraycopy(state.slots(), 0, result, STEPS, state.slots().length);
        result[result.length - 1] = optimizer.evalWeights(w, state);
        return result;
    }

    /** The reference's run: the weights after each step, with the learning rate times the schedule's factor. */
    static double[][] runReference(PaperReferences.Reference reference, double lr, Schedule schedule) {
        double[] w = PROBLEM.initial().clone();
        double[] g = new double[w.length];
        double[][] trajectory = new double[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            for (int i = 0; i < w.length; i++) {
                g[i] = PROBLEM.gradient(s, i, w[i]);
            }
            reference.step(w, g, s + 1, lr * schedule.at(s));
            trajectory[s] = w.clone();
        }
        return trajectory;
    }

    /** {@link #assertAgree(String, double[], float[])} after every step. */
    static void assertAgree(String what, double[][] expected, float[][] actual) {
        double worst = 0;
        for (int s = 0; s < STEPS; s++) {
            worst = Math.max(worst, assertAgree(what + " step " + (s + 1), expected[s], actual[s]));
        }
        System.out.printf("%-40s max share of tolerance %.3f over %d steps%n", what, worst, STEPS);
        assertTrue(moved(expected[STEPS - 1]) > 0.05,
                what + ": the reference barely moved, so agreement proves little");
    }

    static double moved(double[] w) {
        double moved = 0;
        for (int i = 0; i < w.length; i++) {
            moved = Math.max(moved, Math.abs(w[i] - PROBLEM.initial()[i]));
        }
        return moved;
    }

    /** Fails when some |ours - reference| exceeds 1e-4 (1 + |reference|); returns the largest share of that. */
    static double assertAgree(String what, double[] expected, float[] actual) {
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double share = Math.abs(expected[i] - actual[i]) / (1e-4 * (1 + Math.abs(expected[i])));
            if (!(share <= worst)) {
                worst = share;
                at = i;
            }
        }
        int i = at;
        double share = worst;
        assertTrue(share <= 1, () -> what + ": element " + i + " expected " + expected[i] + ", got " + actual[i]);
        return worst;
    }

    record Case(String name, Function<Schedule, Optimizer> optimizer, double lr,
            Supplier<PaperReferences.Reference> reference) {
    }

    static List<Case> cases() {
        int n = LAYOUT.size();
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("nadamw", s -> Optimizers.nadamw().setLearningRate(2e-2).optWeightDecay(0.05)
                .optSchedule(s).build(), 2e-2, () -> PaperReferences.nadamw(n, 0.9, 0.999, 1e-8, 0.05, 0.004)));
        cases.add(new Case("adopt", s -> Optimizers.adopt().setLearningRate(2e-2).optWeightDecay(0.01)
                .optSchedule(s).build(), 2e-2, () -> PaperReferences.adopt(n, 0.9, 0.9999, 1e-6, 0.01)));
        cases.add(new Case("adan", s -> Optimizers.adan().setLearningRate(2e-2).optSchedule(s).build(), 2e-2,
                () -> PaperReferences.adan(n, 0.98, 0.92, 0.99, 1e-8, 0.02)));
        cases.add(new Case("ademamix", s -> Optimizers.ademamix().setLearningRate(1e-2).optAlpha(3)
                .optSchedule(s).build(), 1e-2, () -> PaperReferences.ademamix(n, 0.9, 0.999, 0.9999, 3, 0, 1e-8, 0.01)));
        cases.add(new Case("ademamix warm-up", s -> Optimizers.ademamix().setLearningRate(1e-2).optWarmup(100)
                .optBeta3(0.999).optSchedule(s).build(), 1e-2,
                () -> PaperReferences.ademamix(n, 0.9, 0.999, 0.999, 5, 100, 1e-8, 0.01)));
        cases.add(new Case("cautious adamw", s -> Optimizers.cautiousAdamw().setLearningRate(2e-2)
                .optSchedule(s).build(), 2e-2, () -> PaperReferences.adamw(LAYOUT, 0.9, 0.999, 1e-8, 0.01, true)));
        cases.add(new Case("cautious lion", s -> Optimizers.cautiousLion().setLearningRate(2e-3).optWeightDecay(0.5)
                .optSchedule(s).build(), 2e-3, () -> PaperReferences.lion(LAYOUT, 0.9, 0.99, 0.5, true)));
        cases.add(new Case("mars", s -> Optimizers.mars().setLearningRate(2e-2).optWeightDecay(0.01)
                .optSchedule(s).build(), 2e-2, () -> PaperReferences.mars(LAYOUT, 0.95, 0.99, 0.025, 1e-8, 0.01)));
        cases.add(new Case("mars gamma 0.5", s -> Optimizers.mars().setLearningRate(2e-2).optGamma(0.5)
                .optSchedule(s).build(), 2e-2, () -> PaperReferences.mars(LAYOUT, 0.95, 0.99, 0.5, 1e-8, 0)));
        cases.add(new Case("lamb", s -> Optimizers.lamb().setLearningRate(2e-2).optSchedule(s).build(), 2e-2,
                () -> PaperReferences.lamb(LAYOUT, 0.9, 0.999, 1e-6, 0.01)));
        cases.add(new Case("lookahead(lion)", s -> Optimizers.lookahead(Optimizers.lion().setLearningRate(3e-3)
                .optSchedule(s)).optK(5).optAlpha(0.5).build(), 3e-3,
                () -> PaperReferences.lookahead(n, PaperReferences.lion(LAYOUT, 0.9, 0.99, 1.0, false), 5, 0.5)));
        cases.add(new Case("lookahead(nadamw) k=3", s -> Optimizers.lookahead(Optimizers.nadamw().setLearningRate(2e-2)
                .optSchedule(s)).optK(3).optAlpha(0.8).build(), 2e-2,
                () -> PaperReferences.lookahead(n, PaperReferences.nadamw(n, 0.9, 0.999, 1e-8, 0.01, 0.004), 3, 0.8)));
        cases.add(new Case("adamw with bias correction", s -> Optimizers.adamw().optBiasCorrection(true)
                .setLearningRate(2e-2).optSchedule(s).build(), 2e-2,
                () -> PaperReferences.adamw(LAYOUT, 0.9, 0.999, 1e-8, 0.01, false)));
        cases.add(new Case("muon (adamw for the head and vectors)", s -> Optimizers.muon()
                .setLearningRate(PaperReferences.MUON_RATE).optWeightDecay(0.1).optAdamWLearningRate(1e-2)
                .optSchedule(s).build(), PaperReferences.MUON_RATE, () -> PaperReferences.muon(LAYOUT, 0.95, 0.1,
                PaperReferences.adamw(LAYOUT, 0.9, 0.999, 1e-8, 0, false), 1e-2)));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> eachOptimizerFollowsItsPapersEquationsFor150Steps() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Optimizer optimizer = c.optimizer().apply(SCHEDULE);
            assertAgree(c.name(), runReference(c.reference().get(), c.lr(), SCHEDULE), runProgram(optimizer));
        }));
    }

    @Test
    void scheduleFreeAdamwTakesGradientsAtYAndEvaluatesX() {
        double[] x = new double[LAYOUT.size()];
        double[][] y = runReference(PaperReferences.scheduleFreeAdamw(LAYOUT.size(), 0.9, 0.999, 1e-8, 0.01, 20, x),
                5e-2, Schedule.constant());
        Optimizer sf = Optimizers.scheduleFreeAdamw().setLearningRate(5e-2).optWeightDecay(0.01).optWarmup(20).build();
        float[][] run = runProgram(sf);
        assertAgree("schedule-free adamw: y", y, run);
        assertAgree("schedule-free adamw: x", x, run[STEPS + 1]); // slots z, x, ...
        assertAgree("schedule-free adamw: evaluated", x, run[run.length - 1]);
    }

    @Test
    void lookaheadIsAProgramThatRenamesAroundTheInnerOnesNames() {
        Program inner = Program.parse("""
                def train(w, g, la_slow, lr, la_k=2.0):
                  la_slow = interp(g, la_slow, 0.9)
                  w = la_slow * la_k
                  update = w * lr
                  return update, la_slow
                """);
        Program wrapped = Lookahead.wrap(inner, 4, 0.5);
        assertEquals(List.of("w", "g", "la_slow", "la_slow1", "la_count", "la_started", "lr"),
                wrapped.signature().inputs());
        assertEquals(4.0, wrapped.hyperparameters().get("la_k1"));
        Program stepped = Lookahead.wrap(Program.parse("""
                def train(w, g, lr, step, total_steps):
                  f = step / total_steps
                  update = g * f
                  return update
                """), 2, 0.5);
        assertEquals(List.of(StepInput.STEP, StepInput.TOTAL_STEPS), stepped.signature().stepInputs());
        assertEquals("x", Lookahead.wrap(Optimizers.shipped("schedule_free_adamw"), 2, 0.5).readout());
        var e = assertThrows(IllegalArgumentException.class, () -> Lookahead.wrap(inner, 0, 0.5));
        assertEquals("lookahead: k must be >= 1 step, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.lookahead(Optimizers.lion()).optAlpha(1.5));
        assertEquals("lookahead: alpha must be in (0, 1], got 1.5", e.getMessage());
        var missing = assertThrows(IllegalStateException.class, () -> Optimizers.lookahead(Optimizers.lion()).build());
        assertEquals("lion: setLearningRate(...) is required", missing.getMessage());
    }

    @Test
    void badSettingsNameTheOptimizerTheSettingAndTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.adan().optBeta3(1.0));
        assertEquals("adan: beta3 must be in [0, 1), got 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.ademamix().optAlpha(-1));
        assertEquals("ademamix: alpha must be finite and >= 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.scheduleFreeAdamw().optWarmup(-5));
        assertEquals("schedule_free_adamw: warmup must be a whole number of steps in [0, 1e9], got -5.0",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.nadamw().optEpsilon(0));
        assertEquals("nadamw: epsilon must be finite and > 0, got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.mars().optGamma(Double.NaN));
        assertEquals("mars_adamw: gamma must be finite and >= 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.cautiousLion().optWeightDecay(-1));
        assertEquals("cautious_lion: weight decay must be finite and >= 0, got -1.0", e.getMessage());
        var missing = assertThrows(IllegalStateException.class, () -> Optimizers.lamb().build());
        assertEquals("lamb: setLearningRate(...) is required", missing.getMessage());
    }
}
