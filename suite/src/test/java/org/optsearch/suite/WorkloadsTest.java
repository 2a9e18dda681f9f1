package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {
    @Test
    void theFixedSetHasEightWorkloadsEachWithAHeldOutVariant() {
        List<Workload> fixed = Workloads.fixed();
        assertEquals(List.of("mnist-mlp", "mnist-vit", "austen-charlm", "breast-cancer-mlp", "diabetes-mlp",
                "lstsq-illcond", "attention-teacher", "mqar"), fixed.stream().map(Workload::name).toList());
        for (Workload w : fixed) {
            assertTrue(Workloads.variants().stream().anyMatch(v -> w.name().equals(v.variantOf())), w.name());
        }
    }

    @Test
    void anUnknownWorkloadGetsADidYouMean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workloads.select("mnist-mlp,mqr"));
        assertTrue(e.getMessage().startsWith("unknown workload 'mqr'; did you mean 'mqar'?"), e.getMessage());
    }

    @Test
    void allMeansTheFixedWorkloadsAndNamesKeepTheirOrder() {
        assertEquals(Workloads.fixed(), Workloads.select("all"));
        assertEquals(List.of("mqar", "mnist-vit-cls"),
                Workloads.select("mqar, mnist-vit-cls,mqar").stream().map(Workload::name).toList());
    }

    @Test
    void variantsAreSelectedByKeyword() {
        assertEquals(Workloads.variants(), Workloads.select("variants"));
        assertEquals(8 + 10, Workloads.select("all,variants").size());
    }

    @Test
    void aTaskBecomesAWorkloadWithItsObjectivesMetricAndItsEvaluationInterval() {
        org.optsearch.train.run.Task t = Workloads.all().get("lstsq-illcond").task(600, 0.05, 1);
        org.optsearch.train.run.Task renamed = new org.optsearch.train.run.Task("my-lstsq", t.objective(), t.model(),
                t.train(), t.validation(), new org.optsearch.train.run.TrainConfig(1000, 16, 50, 1, 8));
        Workload w = Workloads.fromTask(renamed);
        assertEquals(Metric.MSE, w.metric());
        assertEquals(125, w.evalInterval());
        assertEquals(1000, w.tuningSteps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.fromTask(t));
        assertTrue(e.getMessage().contains("has the name of a built-in workload"), e.getMessage());
    }

    @Test
    void budgetsRoundUpToWholeEvaluationIntervals() {
        Workload w = Workloads.all().get("mnist-mlp");
        assertEquals(50, w.roundUp(1));
        assertEquals(1050, w.roundUp(1001));
        assertEquals(1000, w.roundUp(1000));
        assertThrows(IllegalArgumentException.class, () -> w.task(1001, 0.05, 1));
    }
}
