package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

class TuningTest {

    private static Program parse(String body) {
        return Program.parse(body.trim().replace(";", "\n  ") + "\n");
    }

    /** Each program, how its learning-rate scale is found, and the default that scale gets. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "declared                  | def train(w, g, lr, lr_scale=0.1):;lr = lr * lr_scale;u = g * lr;return u | DECLARED | 0.1",
        "lr times a literal        | def train(w, g, lr):;lr = lr * 0.001;u = g * lr;return u                  | CONSTANT | 0.001",
        "lr divided by a literal   | def train(w, g, lr):;s = lr / 4000;u = g * s;return u                     | CONSTANT | 0.00025",
        "found: update * lr, / c   | def train(w, g, m, lr):;m = interp(g, m, 0.9);u = sign(m);u = u * lr;u = u / 380;return u, m | APPENDED | 1.0",
        "found: no lr at all       | def train(w, g, lr):;u = sign(g);u = u * 0.001;return u                   | APPENDED | 1.0",
        "lr * c, then cancelled    | def train(w, g, lr):;lr = lr * 0.001;u = g * lr;u = sign(u);return u       | APPENDED | 1.0",
    })
    void everyProgramGetsALearningRateScale(String description, String body, Tuning.ScaleSource source, double scale) {
        Program original = parse(body);
        Tuning.Scaled scaled = Tuning.learningRateScale(original);
        assertEquals(source, scaled.source());
        assertEquals(scale, scaled.program().hyperparameters().get(Tuning.LR_SCALE), 1e-15);
        Analysis before = Analysis.of(original);
        Analysis after = Analysis.of(scaled.program().inlineHyperparameters());
        assertTrue(after.valid(), after.diagnostics()::toString);
        if (source == Tuning.ScaleSource.APPENDED) {
            assertEquals(original.statements().size() + 1, scaled.program().statements().size());
        }
        if (source != Tuning.ScaleSource.APPENDED && !description.contains("divided")) {
            // a found or declared scale at its default computes what the program computed
            assertEquals(before.hash(), after.hash());
        }
    }

    @Test
    void appendedScaleMultipliesTheReturnedUpdateUnderAFreshName() {
        Program p = parse("def train(w, g, lr):;u_scaled = sign(g);u = u_scaled * 0.5;return u");
        Program scaled = Tuning.withLearningRateScale(p);
        assertTrue(scaled.print().contains("u_scaled2 = u * lr_scale"), scaled.print());
        assertEquals("u_scaled2", scaled.returns().get(0));
    }

    @Test
    void aVariableCalledLrScaleIsRefusedWithTheFix() {
        Program p = parse("def train(w, g, lr):;lr_scale = g * lr;return lr_scale");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tuning.learningRateScale(p));
        assertTrue(e.getMessage().contains("rename it"), e.getMessage());
    }

    @Test
    void defaultGridIsHalfDecadesAroundTheDefaultsWithWeightDecay() {
        Program p = Tuning.withLearningRateScale(parse(
                "def train(w, g, lr, wd=0.01, lr_scale=0.001):;d = w * wd;u = g + d;lr = lr * lr_scale;u = u * lr;return u"));
        List<Tuning.Dimension> dims = Tuning.dimensions(p, Tuning.LR_FACTORS, Tuning.WD_FACTORS);
        Tuning.Plan grid = Tuning.grid(dims, new int[] {Tuning.LR_POINTS, Tuning.WD_POINTS});
        assertEquals(45, grid.points().size());
        assertEquals(List.of(1e-5, 3.162277660e-5, 1e-4, 3.162277660e-4, 0.001, 0.003162277660, 0.01, 0.03162277660, 0.1),
                grid.points().stream().map(x -> x.values().get("lr_scale")).distinct().toList());
        assertEquals(List.of(0.001, 0.003162277660, 0.01, 0.03162277660, 0.1),
                grid.points().stream().map(x -> x.values().get("wd")).distinct().sorted().toList());
    }

    @Test
    void edgeNotesCoverEveryTunedDimension() {
        List<Tuning.Dimension> dims = List.of(new Tuning.Dimension("lr_scale", 0.01, 1), new Tuning.Dimension("wd", 0.1, 10));
        Tuning.Plan grid = Tuning.grid(dims, new int[] {3, 3});
        assertEquals(List.of(), grid.atEdge(new Tuning.Point(Map.of("lr_scale", 0.1, "wd", 1.0))));
        assertEquals(List.of(dims.get(1)), grid.atEdge(new Tuning.Point(Map.of("lr_scale", 0.1, "wd", 10.0))));
        assertEquals(dims, grid.atEdge(new Tuning.Point(Map.of("lr_scale", 0.01, "wd", 0.1))));
    }

    @Test
    void trialsAreHaltonPointsInsideTheBoxAndRepeatForTheSameSeed() {
        List<Tuning.Dimension> dims = List.of(new Tuning.Dimension("lr_scale", 1e-4, 1e-2), new Tuning.Dimension("wd", 0.1, 10));
        Tuning.Plan trials = Tuning.trials(dims, 16, 1001);
        assertEquals(16, trials.points().size());
        assertEquals(16, trials.points().stream().distinct().count());
        for (Tuning.Point p : trials.points()) {
            for (Tuning.Dimension d : dims) {
                double u = d.position(p.values().get(d.name()));
                assertTrue(u >= -1e-9 && u <= 1 + 1e-9, p.toString());
            }
        }
        assertEquals(trials, Tuning.trials(dims, 16, 1001));
        double u = new Halton(2, 1001).point(0)[0];
        assertEquals(Halton.logScale(u, 1e-4, 1e-2), trials.points().get(0).values().get("lr_scale"), 1e-12);
    }

    @Test
    void aRangeMustBePositiveAndIncreasing() {
        assertThrows(IllegalArgumentException.class, () -> new Tuning.Range(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Tuning.Range(2, 1));
    }
}
