package org.optsearch.djl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;
import org.optsearch.optim.Optimizers;

/** Programs that need all parameters at once are refused when the adapter is built, with their lines. */
class PerParameterCheckTest {

    @Test
    void refusesGlobalNormWithTheFunctionAndLine() {
        String text = """
                # normalized gradient descent
                def train(w, g, lr, lr_scale=0.01):
                  n = global_norm(g)
                  update = g / n
                  update = update * lr
                  update = update * lr_scale
                  return update
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptSearchOptimizer.of(Optimizers.fromProgram(text).build()));
        String message = e.getMessage();
        assertTrue(message.startsWith("OptSearchOptimizer cannot run '"), message);
        assertTrue(message.contains(": global_norm (line 3) reduces over all parameters at once, but DJL updates"
                + " one parameter at a time, so it would reduce over a single tensor instead. Use norm (per"
                + " tensor) in the program"), message);
    }

    @Test
    void namesEveryWholeSetCall() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  c = clip_by_global_norm(g, 1.0)
                  s = cosine_sim(c, m)
                  d = dot(g, 2.0)
                  update = c * s
                  update = update * d
                  update = update * lr
                  m = interp(g, m, 0.9)
                  return update, m
                """);
        assertEquals(List.of("clip_by_global_norm (line 2)", "cosine_sim (line 3)", "dot (line 4)"),
                PerParameterCheck.wholeSetReductions(p));
    }

    @Test
    void acceptsPerTensorNormsScalarReductionsAndRedundantCalls() {
        String text = """
                def train(w, g, lr):
                  n = norm(g)
                  k = global_norm(lr)
                  unused = global_norm(w)
                  update = g / n
                  update = update * k
                  return update
                """;
        assertEquals(List.of(), PerParameterCheck.wholeSetReductions(Program.parse(text)));
        assertDoesNotThrow(() -> OptSearchOptimizer.of(Optimizers.fromProgram(text).build()));
    }

    @Test
    void acceptsEveryLibraryOptimizer() {
        assertDoesNotThrow(() -> {
            OptSearchOptimizer.of(Optimizers.lion().setLearningRate(1e-4).build());
            OptSearchOptimizer.of(Optimizers.adamw().setLearningRate(1e-3).build());
            OptSearchOptimizer.of(Optimizers.signum().setLearningRate(1e-3).build());
            OptSearchOptimizer.of(Optimizers.adafactor().setLearningRate(1e-2).build());
        });
    }
}
