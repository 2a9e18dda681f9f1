package org.optsearch.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optsearch.exec.ParamLayout.Role;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.Optimizers;
import org.optsearch.train.model.Model;
import org.optsearch.train.task.BuiltinTasks;
import org.optsearch.train.task.Tasks;

/** The models say which tensors are embeddings, heads and hidden matrices; Muon-style routing trains. */
class RoutedTrainingTest {
    private static final String MUON_LIKE = """
            def train(w, g, m, lr, lr_scale=0.02):
              m = interp(g, m, 0.95)
              n = interp(g, m, 0.95)
              o = orthogonalize(n)
              s = shape_factor(n)
              u = o * s
              lr = lr * lr_scale
              u = u * lr
              return u, m
            """;

    @Test
    void modelsMarkTheirEmbeddingsAndHeads() {
        Model lm = BuiltinTasks.load("austen-charlm", Tasks.dataDir()).model().get();
        assertEquals(Role.EMBEDDING, role(lm, "tokens.weight"));
        assertEquals(Role.HEAD, role(lm, "head.weight"));
        assertEquals(Role.VECTOR, role(lm, "head.bias"));
        assertTrue(lm.layout().segments().stream().anyMatch(s -> s.role() == Role.MATRIX));
        Model mlp = BuiltinTasks.load("digits-mlp", Tasks.dataDir()).model().get();
        assertEquals(Role.MATRIX, role(mlp, "layer0.weight"));
        assertTrue(mlp.layout().segments().stream().anyMatch(s -> s.role() == Role.HEAD));
    }

    private static Role role(Model m, String name) {
        return m.layout().segments().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().role();
    }

    @Test
    void muonOnHiddenMatricesAndAdamwOnTheRestLearnsTheDigits() {
        Task t = BuiltinTasks.load("digits-mlp", Tasks.dataDir());
        Task task = t.withConfig(t.config().withSteps(200));
        Optimizer routed = Optimizers.routed(Optimizers.fromProgram("muon", MUON_LIKE).build(),
                Optimizers.adamw().setLearningRate(3e-3).build());
        TrainResult r = Trainer.train(task, routed, null, new Trainer.Listener() { });
        assertFalse(r.diverged(), r.toString());
        assertTrue(r.valAccuracy() > 0.85, "accuracy " + r.valAccuracy());
    }
}
