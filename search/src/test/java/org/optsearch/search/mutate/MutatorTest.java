package org.optsearch.search.mutate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/** Insert, delete, modify: valid children, the configured weights and limits, replayable from a seed. */
class MutatorTest {
    private static final Program ADAMW = Shipped.load("adamw.opt");
    private static final Program LION = Shipped.load("lion.opt");
    private static final Mutator DEFAULT = new Mutator(MutationConfig.defaults());

    /** A regularized-evolution-like walk: a population of {@code size}, random parent, oldest leaves. */
    static List<Mutation> walk(Mutator mutator, Program start, int size, int steps, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ArrayDeque<Program> population = new ArrayDeque<>();
        List<Program> members = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            population.add(start);
            members.add(start);
        }
        List<Mutation> out = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            Program parent = members.get(rnd.nextInt(members.size()));
            Mutation m = mutator.mutate(parent, rnd);
            out.add(m);
            members.remove(population.removeFirst());
            population.addLast(m.child());
            members.add(m.child());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"adamw.opt", "lion.opt", "lion_raw.opt", "sgd.opt", "sgd_momentum.opt", "rmsprop.opt",
            "adagrad.opt", "signum.opt"})
    void childrenOfEveryShippedProgramAreValidAndDifferFromTheirParent(String name) {
        Program parent = Shipped.load(name);
        String parentText = parent.inlineHyperparameters().print();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 500; i++) {
            Mutation m = DEFAULT.mutate(parent, rnd);
            assertTrue(Analysis.of(m.child()).valid(), m::description);
            assertTrue(m.analysis().valid());
            assertNotEquals(parentText, m.child().print(), m::description);
            assertTrue(m.child().signature().hyperparameters().isEmpty(), "the child is in inlined form");
            assertEquals(Program.parse(m.child().print()), m.child(), "the child round-trips through its text");
        }
    }

    @Test
    void thousandsOfMutationsOfLionAndAdamwNeverThrow() {
        for (Program start : List.of(LION, ADAMW)) {
            List<Mutation> walk = walk(DEFAULT, start, 100, 3000, 5);
            for (Mutation m : walk) {
                assertTrue(m.analysis().valid());
                assertTrue(m.child().statements().size() <= MutationConfig.DEFAULT_MAX_LENGTH);
            }
        }
    }

    @Test
    void childrenOfAProgramThatFollowsTheLearningRateFollowItTooUnlessConstantStepsAreAllowed() {
        SplittableRandom rnd = new SplittableRandom(3);
        Mutator allowing = new Mutator(MutationConfig.defaults().withFollowLearningRate(false));
        int ignoring = 0;
        for (int i = 0; i < 2000; i++) {
            Mutation kept = DEFAULT.mutate(ADAMW, rnd);
            assertTrue(kept.analysis().learningRateMatters(), () -> kept.description() + "\n" + kept.child().print());
            if (!allowing.mutate(ADAMW, rnd).analysis().learningRateMatters()) {
                ignoring++;
            }
        }
        assertTrue(ignoring > 20, "unconstrained, some children of AdamW step at a constant size: " + ignoring);
        Program constantStep = Program.parse("def train(w, g, lr):\n  update = g * 0.01\n  return update\n");
        Mutation child = DEFAULT.mutate(constantStep, rnd);
        assertTrue(child.analysis().valid(), "a parent that ignores lr is mutated as before");
    }

    @Test
    void kindsComeOutWithTheirWeights() {
        Map<MutationKind, Integer> equal = countKinds(DEFAULT, 3000);
        for (MutationKind k : List.of(MutationKind.INSERT, MutationKind.DELETE, MutationKind.MODIFY)) {
            assertEquals(1000, equal.get(k), 130, () -> "1:1:1 gave " + equal);
        }
        assertEquals(0, equal.get(MutationKind.TUNE), () -> "tuning is off unless weighted: " + equal);
        Mutator withTune = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(1, 1, 1, 3)));
        Map<MutationKind, Integer> half = countKinds(withTune, 3000);
        assertEquals(1500, half.get(MutationKind.TUNE), 130, half::toString);
        assertEquals(500, half.get(MutationKind.INSERT), 100, half::toString);
        Mutator skewed = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(3, 1, 0)));
        Map<MutationKind, Integer> counts = countKinds(skewed, 3000);
        assertEquals(2250, counts.get(MutationKind.INSERT), 130, counts::toString);
        assertEquals(750, counts.get(MutationKind.DELETE), 130, counts::toString);
        assertEquals(0, counts.get(MutationKind.MODIFY), counts::toString);
    }

    @Test
    void aTuneChildChangesExactlyOneConstantAndKeepsTheStructure() {
        Mutator tuneOnly = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(0, 0, 0, 1)));
        Program start = ADAMW.inlineHyperparameters();
        SplittableRandom rnd = new SplittableRandom(8);
        for (int i = 0; i < 300; i++) {
            Mutation m = tuneOnly.mutate(start, rnd);
            assertEquals(MutationKind.TUNE, m.kind());
            assertEquals(Shipped.masked(start), Shipped.masked(m.child()), m::description);
            assertEquals(1, Shipped.changedConstants(start, m.child()), m::description);
            assertTrue(m.description().startsWith("tune statement "), m.description());
            assertEquals(org.optsearch.search.Change.Kind.TUNE, org.optsearch.search.Change.of(m, false).kind(),
                    "the store records it as a tune, as in constants mode");
        }
        Program noConstants = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        Mutation m = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(1, 0, 0, 5)))
                .mutate(noConstants, rnd);
        assertEquals(MutationKind.INSERT, m.kind(), "tuning does not apply to a program without constants");
    }

    private static Map<MutationKind, Integer> countKinds(Mutator mutator, int n) {
        Map<MutationKind, Integer> counts = new EnumMap<>(MutationKind.class);
        for (MutationKind k : MutationKind.values()) {
            counts.put(k, 0);
        }
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            counts.merge(mutator.mutate(ADAMW, rnd).kind(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void insertionNeverGrowsAProgramBeyondMaxLength() {
        Mutator capped = new Mutator(MutationConfig.defaults().withMaxLength(12).withWeights(MutationConfig.weights(4, 1, 1)));
        int atCap = 0;
        for (Mutation m : walk(capped, ADAMW, 20, 3000, 8)) {
            int n = m.child().statements().size();
            assertTrue(n <= 12, () -> m.description() + " made " + n + " statements");
            atCap += n == 12 ? 1 : 0;
        }
        assertTrue(atCap > 100, "insertion-heavy weights reach the cap often, got " + atCap);

        Mutator insertOnly = new Mutator(MutationConfig.defaults().withMaxLength(9).withWeights(MutationConfig.weights(1, 0, 0)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> insertOnly.mutate(ADAMW, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("fewer than 9 statements"), e.getMessage());
    }

    @Test
    void aOneStatementProgramStillMutatesWhenItsOnlyStatementCannotGo() {
        Program single = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 300; i++) {
            Mutation m = DEFAULT.mutate(single, rnd);
            assertTrue(m.analysis().valid());
            assertNotEquals(MutationKind.DELETE, m.kind(), "deleting the update's only definition is never valid");
        }
        Mutator deleteOnly = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(0, 1, 0)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> deleteOnly.mutate(single, rnd));
        assertTrue(e.getMessage().startsWith("no valid child of this 1-statement program"), e.getMessage());
        assertTrue(e.getMessage().contains("34 delete"), e.getMessage());
    }

    @Test
    void deletingTheOnlyStatementGivesAnEmptyProgramWhenThatIsValid() {
        Program single = Program.parse("def train(w, g, lr):\n  x1 = sign(w)\n  return g\n");
        Mutator deleteOnly = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(0, 1, 0)));
        Mutation m = deleteOnly.mutate(single, new SplittableRandom(2));
        assertEquals(List.of(), m.child().statements());
        assertEquals("delete statement 1 'x1 = sign(w)'", m.description());
    }

    @Test
    void anInvalidParentThatNoMutationCanFixFailsWithTheParentsError() {
        Program wrongReturn = Program.parse("def train(w, g, m, lr):\n  update = g * lr\n  return update\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DEFAULT.mutate(wrongReturn, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("the parent itself is invalid: 3:10: 'return' gives 1 value"), e.getMessage());
    }

    @Test
    void sameSeedGivesTheSameChildren() {
        List<Mutation> a = walk(DEFAULT, ADAMW, 30, 1000, 42);
        List<Mutation> b = walk(DEFAULT, ADAMW, 30, 1000, 42);
        assertEquals(a, b);
        List<Mutation> c = walk(DEFAULT, ADAMW, 30, 1000, 43);
        assertNotEquals(a, c);
    }

    @Test
    void insertedStatementsUseOnlyTheConfiguredFunctions() {
        Mutator small = new Mutator(MutationConfig.defaults().withFunctions(List.of(Op.SIGN, Op.ADD))
                .withWeights(MutationConfig.weights(1, 0, 0)));
        SplittableRandom rnd = new SplittableRandom(9);
        Set<Op> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Mutation m = small.mutate(LION, rnd);
            Statement inserted = insertedStatement(m);
            seen.add(inserted.op());
        }
        assertEquals(Set.of(Op.SIGN, Op.ADD), seen);
    }

    @Test
    void insertionsSometimesReassignAVisibleNameAndOtherwiseUseAFreshOne() {
        Mutator insertOnly = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(1, 0, 0)));
        SplittableRandom rnd = new SplittableRandom(10);
        Set<String> existing = new HashSet<>(ADAMW.signature().inputs());
        ADAMW.statements().forEach(s -> existing.add(s.target()));
        int fresh = 0;
        int reassigned = 0;
        for (int i = 0; i < 1000; i++) {
            String target = insertedStatement(insertOnly.mutate(ADAMW, rnd)).target();
            if (existing.contains(target)) {
                reassigned++;
            } else {
                assertEquals("x1", target);
                fresh++;
            }
        }
        assertEquals(500, fresh, 80, "fresh " + fresh + ", reassigned " + reassigned);
    }

    @Test
    void anInsertionUnderAFreshNameIsARedundantStatementThatIsKeptAndKeepsTheHash() {
        Mutator insertOnly = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(1, 0, 0)));
        String parentHash = Analysis.of(ADAMW).hash();
        SplittableRandom rnd = new SplittableRandom(13);
        int checked = 0;
        for (int i = 0; i < 200; i++) {
            Mutation m = insertOnly.mutate(ADAMW, rnd);
            Matcher x = INSERT.matcher(m.description());
            assertTrue(x.matches(), m.description());
            if (insertedStatement(m).target().equals("x1")) {
                assertEquals(List.of(Integer.parseInt(x.group(2)) - 1), m.analysis().deadStatements(), m::description);
                assertEquals(parentHash, m.analysis().hash(), "a stepping stone computes the same function");
                checked++;
            }
        }
        assertTrue(checked > 50, "fresh insertions seen: " + checked);
    }

    @Test
    void aMutationCarriesTheAnalysisOfItsOwnChild() {
        Program child = LION.inlineHyperparameters();
        Mutation m = new Mutation(child, MutationKind.MODIFY, "by hand", 1);
        assertTrue(m.analysis().valid());
        assertEquals(m, new Mutation(child, MutationKind.MODIFY, "by hand", 1, Analysis.of(child)), "the analysis is not compared");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mutation(child, MutationKind.MODIFY, "by hand", 1, Analysis.of(ADAMW)));
        assertEquals("the analysis is of another program than the child", e.getMessage());
    }

    private static final Pattern INSERT = Pattern.compile("insert '(.*)' as statement (\\d+) of (\\d+)");
    private static final Pattern DELETE = Pattern.compile("delete statement (\\d+) '(.*)'");
    private static final Pattern MODIFY = Pattern.compile("modify statement (\\d+) '(.*)' -> '(.*)' \\(argument (\\d) of (\\d): (.*)\\)");

    private static final Pattern TUNE = Pattern.compile("tune statement (\\d+) '(.*)' -> '(.*)' \\(argument (\\d) of (\\d): (.*)\\)");

    private static Statement insertedStatement(Mutation m) {
        Matcher matcher = INSERT.matcher(m.description());
        assertTrue(matcher.matches(), m.description());
        return m.child().statements().get(Integer.parseInt(matcher.group(2)) - 1);
    }

    @Test
    void descriptionsNameTheStatementAndWhatChanged() {
        Program parent = ADAMW.inlineHyperparameters();
        SplittableRandom rnd = new SplittableRandom(12);
        Set<MutationKind> kinds = new HashSet<>();
        Mutator all = new Mutator(MutationConfig.defaults().withWeights(MutationConfig.weights(1, 1, 1, 1)));
        for (int i = 0; i < 800; i++) {
            Mutation m = all.mutate(parent, rnd);
            kinds.add(m.kind());
            String d = m.description();
            switch (m.kind()) {
                case INSERT -> {
                    Matcher x = INSERT.matcher(d);
                    assertTrue(x.matches(), d);
                    int at = Integer.parseInt(x.group(2)) - 1;
                    assertEquals(x.group(1), m.child().statements().get(at).toString(), d);
                    assertEquals(parent.statements().size() + 1, Integer.parseInt(x.group(3)), d);
                    assertEquals(List.of(x.group(1)), m.quoted(), "the statement its words quote");
                }
                case DELETE -> {
                    Matcher x = DELETE.matcher(d);
                    assertTrue(x.matches(), d);
                    assertEquals(x.group(2), parent.statements().get(Integer.parseInt(x.group(1)) - 1).toString(), d);
                    assertEquals(List.of(x.group(2)), m.quoted(), "the statement its words quote");
                }
                case MODIFY, TUNE -> {
                    Matcher x = (m.kind() == MutationKind.MODIFY ? MODIFY : TUNE).matcher(d);
                    assertTrue(x.matches(), d);
                    int at = Integer.parseInt(x.group(1)) - 1;
                    assertEquals(x.group(2), parent.statements().get(at).toString(), d);
                    assertEquals(x.group(3), m.child().statements().get(at).toString(), d);
                    assertEquals(List.of(x.group(2), x.group(3)), m.quoted(), "the statements its words quote");
                    assertTrue(m.kind() == MutationKind.TUNE || x.group(6).contains(" -> "), d);
                }
                default -> throw new AssertionError(m.kind());
            }
        }
        assertEquals(Set.of(MutationKind.values()), kinds);
    }

    @Test
    void hyperparametersAreInlinedBeforeMutating() {
        Mutation m = DEFAULT.mutate(LION, new SplittableRandom(1));
        assertTrue(m.child().signature().hyperparameters().isEmpty());
        assertTrue(m.child().print().contains("0.9"), m.child().print());
    }
}
