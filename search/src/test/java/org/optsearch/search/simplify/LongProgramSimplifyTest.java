package org.optsearch.search.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/** Simplification of programs of tens of thousands of statements: every exact step is linear. */
class LongProgramSimplifyTest {

    /** 50,000 statements: a live chain {@code x = x * 1.0001} with a dead statement after each link. */
    private static Program chainWithDeadBranches(int links) {
        String body = "  x = x * 1.0001\n  d = x + 1.0\n";
        return Program.parse("def train(w, g, lr):\n  x = g * 1.0001\n" + body.repeat(links - 1)
                + "  update = x * lr\n  return update\n");
    }

    @Test
    void deadCodeRemovalOnFiftyThousandStatementsKeepsTheLiveChain() {
        Program p = chainWithDeadBranches(25_000);
        assertEquals(50_000, p.statements().size());
        Simplifier.Result r = Simplifier.removeDead(p);
        assertEquals(25_001, r.program().statements().size());
        assertEquals(24_999, r.applied().size());
        assertEquals(Analysis.of(p).hash(), Analysis.of(r.program()).hash());
    }

    @Test
    void rewritingFiftyThousandStatementsAppliesEveryRuleOnce() {
        // x = x * 1.0 (multiply-by-one) and its copy (copy-propagation) go; c2 repeats c1 (common subexpression).
        String link = "  x = x * 1.0\n  c1 = x * 1.0001\n  c2 = x * 1.0001\n  x = c1 + c2\n";
        Program p = Program.parse("def train(w, g, lr):\n  x = g * 1.0001\n" + link.repeat(12_500)
                + "  update = x * lr\n  return update\n");
        assertEquals(50_002, p.statements().size());
        Simplifier.Result r = Simplifier.rewrite(p);
        assertEquals(1 + 2 * 12_500 + 1, r.program().statements().size());
        assertEquals(r.program(), Program.parse(r.program().print()));
    }

    @Test
    void greedyStepIsSkippedOverItsStatementLimitAndSaysSo() {
        Program p = Program.parse("def train(w, g, lr):\n  x = g * 1.0001\n" + "  x = x * 1.0001\n".repeat(2_499)
                + "  update = x * lr\n  return update\n");
        AtomicInteger trainings = new AtomicInteger();
        ToDoubleFunction<Program> fitness = program -> {
            trainings.incrementAndGet();
            return 1.0;
        };
        Simplifier.Result r = Simplifier.greedy(p, fitness, 0.01);
        assertEquals(p.statements().size(), r.program().statements().size());
        assertEquals(1, trainings.get(), "only the original program's own fitness");
        assertEquals(1, r.applied().size(), r.applied()::toString);
        assertTrue(r.applied().get(0).startsWith("greedy: skipped: 2501 statements, more than the "
                + GreedyRemoval.MAX_STATEMENTS), r.applied().get(0));
    }

    @Test
    void greedyStepStopsAtItsTrainingLimitKeepingTheProgramAndSaysWhere() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  g = clip(g, 100.0)
                  m = interp(g, m, 0.9)
                  update = m * lr
                  update = update * 0.1
                  return update, m
                """);
        AtomicInteger trainings = new AtomicInteger();
        List<String> progress = new ArrayList<>();
        ToDoubleFunction<Program> rejectsAll = program -> {
            trainings.incrementAndGet();
            return 0.0;
        };
        Simplifier.Result r = GreedyRemoval.run(p, List.of(rejectsAll), new double[] {1.0}, 0.0, progress::add,
                new GreedyRemoval.Limits(200, 2));
        assertEquals(p.statements().size(), r.program().statements().size());
        assertEquals(2, trainings.get());
        // statement 3, update = m * lr, is not tried: without it the update would not follow the learning rate
        assertEquals(List.of("greedy: pass 1, statement 4 of 4: training 1 (at most 2)",
                "greedy: pass 1, statement 2 of 4: training 2 (at most 2)"), progress);
        assertEquals(1, r.applied().size(), r.applied()::toString);
        assertTrue(r.applied().get(0).startsWith("greedy: stopped after 2 trainings (the limit) in pass 1"),
                r.applied().get(0));
    }
}
