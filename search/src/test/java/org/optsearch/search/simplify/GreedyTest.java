package org.optsearch.search.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

class GreedyTest {
    private static final Program CLIPPED_MOMENTUM = Program.parse("""
            def train(w, g, m, lr):
              g = clip(g, 100.0)
              m = interp(g, m, 0.9)
              update = m * lr
              update = update * 0.1
              return update, m
            """);

    @Test
    void deletesAStatementThatChangesNothingAndKeepsTheOthers() {
        Simplifier.Result r = Simplifier.greedy(CLIPPED_MOMENTUM,
                TrajectoryFitness.closeTo(CLIPPED_MOMENTUM, 1.0), 1e-9);
        assertEquals("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  update = m * lr
                  update = update * 0.1
                  return update, m
                """, r.program().print());
        assertEquals(1, r.applied().size(), r.applied()::toString);
        assertTrue(r.applied().get(0).startsWith("greedy: deleted `g = clip(g, 100.0)`"), r.applied().get(0));
    }

    @Test
    void bypassesAFunctionThatBarelyMattersWhenDeletingItIsInvalid() {
        // for gradients near 1e-3, tanh(g) is g to 1e-6; deleting t leaves it undefined
        Program p = Program.parse("""
                def train(w, g, lr):
                  t = tanh(g)
                  update = t * lr
                  update = update * 0.01
                  return update
                """);
        Simplifier.Result r = Simplifier.greedy(p, TrajectoryFitness.closeTo(p, 1e-3), 1e-4);
        assertEquals("""
                def train(w, g, lr):
                  update = g * lr
                  update = update * 0.01
                  return update
                """, r.program().print());
        assertEquals(1, r.applied().size(), r.applied()::toString);
        assertTrue(r.applied().get(0).startsWith("greedy: bypassed `t = tanh(g)` as `t = g`"), r.applied().get(0));
    }

    @Test
    void neverRemovesWhatMakesTheUpdateFollowTheLearningRate() {
        // a fitness blind to the program accepts every removal; the lr it follows stays all the same
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  x = sqrt(lr)
                  update = m * x
                  return update, m
                """);
        Simplifier.Result r = Simplifier.greedy(p, List.of(q -> 1.0), 0.1);
        assertTrue(Analysis.of(r.program()).learningRateMatters(), r.program().print());
        assertTrue(r.program().statements().size() < p.statements().size(), "other removals are still made: "
                + r.program().print());
        Program blind = Program.parse("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  update = m * 0.01
                  return update, m
                """);
        assertTrue(Simplifier.greedy(blind, List.of(q -> 1.0), 0.1).program().statements().size() < 2,
                "a program that ignores lr is simplified as before");
    }

    @Test
    void keepsEveryStatementWhenTheToleranceIsZeroAndEachMatters() {
        Program p = Program.parse("""
                def train(w, g, m, lr):
                  m = interp(g, m, 0.9)
                  update = sign(m)
                  update = update * lr
                  return update, m
                """);
        Simplifier.Result r = Simplifier.greedy(p, TrajectoryFitness.closeTo(p, 1.0), 0);
        assertEquals(p.print(), r.program().print());
        assertEquals(List.of(), r.applied());
    }

    @Test
    void lossesDoNotAccumulateBecauseEveryChildIsComparedWithTheOriginal() {
        // each statement removed costs 0.6; with tolerance 1.0 one removal fits, two do not
        Program p = Program.parse("""
                def train(w, g, lr):
                  u = sign(g)
                  u = tanh(u)
                  u = sin(u)
                  u = u * lr
                  return u
                """);
        ToDoubleFunction<Program> fitness = q -> -0.6 * (p.statements().size() - q.statements().size());
        Simplifier.Result r = Simplifier.greedy(p, fitness, 1.0);
        assertEquals(p.statements().size() - 1, r.program().statements().size());
        assertEquals(1, r.applied().size(), r.applied()::toString);
    }

    @Test
    void aRemovalMustStayWithinToleranceOnEveryTask() {
        ToDoubleFunction<Program> indifferent = q -> 0;
        ToDoubleFunction<Program> wantsEverything = q -> q.statements().size();
        Simplifier.Result r = Simplifier.greedy(CLIPPED_MOMENTUM, List.of(indifferent, wantsEverything), 0.5);
        assertEquals(CLIPPED_MOMENTUM.statements().size(), r.program().statements().size());
    }

    @Test
    void fitnessIsAskedOncePerDistinctFunction() {
        Set<String> seen = new HashSet<>();
        ToDoubleFunction<Program> fitness = q -> {
            assertTrue(seen.add(Analysis.of(q).hash()), () -> "asked twice for\n" + q);
            return 0.0; // every removal is acceptable: the most candidates get scored
        };
        Simplifier.greedy(Programs.load("lion_raw.opt"), fitness, 0.0);
        assertTrue(seen.size() > 3);
    }

    @Test
    void theSameInputGivesTheSameResult() {
        ToDoubleFunction<Program> fitness = TrajectoryFitness.closeTo(CLIPPED_MOMENTUM, 1.0);
        Simplifier.Result a = Simplifier.simplify(Programs.load("lion_raw.opt"), fitness, 0.1);
        Simplifier.Result b = Simplifier.simplify(Programs.load("lion_raw.opt"), fitness, 0.1);
        assertEquals(a, b);
    }

    @Test
    void refusesAToleranceThatIsNegativeOrNotANumber() {
        ToDoubleFunction<Program> fitness = q -> 0;
        assertThrows(IllegalArgumentException.class, () -> Simplifier.greedy(CLIPPED_MOMENTUM, fitness, -0.1));
        assertThrows(IllegalArgumentException.class, () -> Simplifier.greedy(CLIPPED_MOMENTUM, fitness, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> Simplifier.simplify(CLIPPED_MOMENTUM, fitness, Double.POSITIVE_INFINITY));
    }

    @Test
    void refusesAProgramWhoseOwnFitnessIsNotFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Simplifier.greedy(CLIPPED_MOMENTUM, q -> Double.NEGATIVE_INFINITY, 0.1));
        assertTrue(e.getMessage().contains("-Infinity"), e.getMessage());
    }
}
