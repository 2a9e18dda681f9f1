package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.ParamLayout.Role;
import org.optsearch.lang.ProgramException;

/** Routing parameter classes to two programs, as Muon does. */
class RoutedOptimizerTest {
    private static final String MUON_LIKE = """
            def train(w, g, m, lr, lr_scale=0.02):
              m = interp(g, m, 0.95)
              o = orthogonalize(m)
              s = shape_factor(m)
              u = o * s
              lr = lr * lr_scale
              u = u * lr
              return u, m
            """;
    /** An embedding 3x4, a hidden matrix 4x4, its bias, the head 4x2. */
    private static final ParamLayout LAYOUT = new ParamLayout(List.of(
            new ParamLayout.Segment("emb", 0, 12, 3, Role.EMBEDDING),
            new ParamLayout.Segment("hidden", 12, 16, 4),
            new ParamLayout.Segment("bias", 28, 4),
            new ParamLayout.Segment("head", 32, 8, 4, Role.HEAD)));

    private static Optimizer sgd(double lr) {
        return Optimizers.sgd().setLearningRate(lr).build();
    }

    @Test
    void hiddenMatricesGoToOneOptimizerAndEverythingElseToTheOther() {
        Optimizer routed = Optimizers.routed(sgd(1.0), sgd(0.5));
        float[] w = new float[LAYOUT.size()];
        float[] g = new float[LAYOUT.size()];
        java.util.Arrays.fill(g, 1f);
        OptimizerState state = routed.newState(LAYOUT);
        routed.step(w, g, state);
        for (int i = 0; i < w.length; i++) {
            assertEquals(i >= 12 && i < 28 ? -1f : -0.5f, w[i], 1e-6f, "element " + i);
        }
        assertEquals(1, state.step());
    }

    @Test
    void muonOnTheMatricesWorksWhereAloneItIsRefusedFor1DParameters() {
        Optimizer muon = Optimizers.fromProgram("muon", MUON_LIKE).build();
        ProgramException alone = assertThrows(ProgramException.class, () -> muon.newState(ParamLayout.of(4, 8)));
        assertTrue(alone.getMessage().contains("route 1-D parameters to another program"), alone.getMessage());
        Optimizer routed = Optimizers.routed(muon, Optimizers.adamw().setLearningRate(1e-3).build());
        float[] w = new float[LAYOUT.size()];
        float[] g = new float[LAYOUT.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) Math.sin(i);
        }
        OptimizerState state = routed.newState(LAYOUT);
        routed.step(w, g, state);
        double hidden = 0;
        for (int i = 12; i < 28; i++) {
            hidden += (double) w[i] * w[i];
        }
        // An orthogonalized 4x4 has singular values near 1: Frobenius norm near 2, times lr 0.02.
        assertTrue(Math.sqrt(hidden) > 0.02 * 2 * 0.65 && Math.sqrt(hidden) < 0.02 * 2 * 1.25, "norm " + Math.sqrt(hidden));
        // The library's AdamW (the paper's, no bias correction): first step lr * (1 - 0.9) / sqrt(1 - 0.999).
        assertEquals(1e-3f * 0.1f / (float) Math.sqrt(0.001), Math.abs(w[1]), 1e-5f, "AdamW's first step on the embedding");
    }

    @Test
    void aRoutingThatLeavesRolesUncoveredIsRefusedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.routing().route(Role.MATRIX, sgd(1)).route(Role.VECTOR, sgd(1)).build());
        assertTrue(e.getMessage().contains("leaves parameters uncovered") && e.getMessage().contains("[EMBEDDING, HEAD]"),
                e.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.routing().route(java.util.EnumSet.allOf(Role.class), sgd(1)).route(Role.HEAD, sgd(1)).build());
        assertTrue(twice.getMessage().contains("HEAD is routed twice"), twice.getMessage());
    }

    @Test
    void aRoutedStateSavesAndResumesBitForBit() throws Exception {
        Optimizer routed = Optimizers.routed(Optimizers.fromProgram("muon", MUON_LIKE).build(),
                Optimizers.adamw().setLearningRate(1e-2).build());
        float[] w = new float[LAYOUT.size()];
        float[] g = new float[LAYOUT.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) Math.cos(i * 0.7);
        }
        OptimizerState state = routed.newState(LAYOUT);
        routed.step(w, g, state);
        routed.step(w, g, state);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        state.save(saved);
        OptimizerState loaded = OptimizerState.load(new ByteArrayInputStream(saved.toByteArray()), routed);
        assertEquals(LAYOUT, loaded.layout(), "roles are saved with the layout");
        float[] resumed = w.clone();
        routed.step(w, g, state);
        routed.step(resumed, g, loaded);
        assertArrayEquals(w, resumed);
    }
}
