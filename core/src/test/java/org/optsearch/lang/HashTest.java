package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dataflow hash: one value per way of computing the outputs from the inputs (docs/method.md, section 3),
 * blind to names, statement order, copies and redundant code, and nothing more.
 */
class HashTest {
    private static final String LION = ShippedPrograms.text("lion.opt");
    private static final String DEF = "def train(w, g, m, lr):\n";

    private static String hash(String text) {
        return hash(Program.parse(text));
    }

    private static String hash(Program p) {
        return Analysis.of(p).hash();
    }

    @Test
    void renamedLionHasSameHash() {
        String renamed = """
                def train(weights, grad, mom, rate, b1=0.9, b2=0.99, decay_rate=1.0, scale=0.0001):
                  c = interp(grad, mom, b1)
                  c = sign(c)
                  mom = interp(grad, mom, b2)
                  d = weights * decay_rate
                  c = c + d
                  rate = rate * scale
                  c = c * rate
                  return c, mom
                """;
        assertEquals(hash(LION), hash(renamed));
    }

    @Test
    void reorderedLionHasSameHash() {
        String reordered = """
                def train(w, g, m, lr, beta1=0.9, beta2=0.99, wd=1.0, lr_scale=0.0001):
                  lr = lr * lr_scale
                  decay = w * wd
                  update = interp(g, m, beta1)
                  update = sign(update)
                  update = update + decay
                  update = update * lr
                  m = interp(g, m, beta2)
                  return update, m
                """;
        assertEquals(hash(LION), hash(reordered));
    }

    @Test
    void updatingTheSlotBeforeReadingItIsAnotherOptimizer() {
        String early = LION.replace("  m = interp(g, m, beta2)\n", "")
                .replace("  update = interp(g, m, beta1)\n", "  m = interp(g, m, beta2)\n  update = interp(g, m, beta1)\n");
        assertNotEquals(LION, early);
        assertNotEquals(hash(LION), hash(early));
    }

    @Test
    void deadCodeDoesNotChangeLionsHash() {
        String withDeadCode = """
                def train(w, g, m, lr, beta1=0.9, beta2=0.99, wd=1.0, lr_scale=0.0001):
                  update = cosh(g)
                  update = interp(g, m, beta1)
                  unused = global_norm(update)
                  update = sign(update)
                  m = interp(g, m, beta2)
                  copy = m
                  decay = w * wd
                  update = update + decay
                  lr = lr * lr_scale
                  later = update * 3.0
                  update = update * lr
                  return update, m
                """;
        Analysis a = Analysis.of(Program.parse(withDeadCode));
        assertEquals(List.of(0, 2, 5, 9), a.deadStatements());
        assertEquals(hash(LION), a.hash());
    }

    @Test
    void copiesAreSeeThrough() {
        String copies = LION.replace("  update = interp(g, m, beta1)\n", "  grad = g\n  old = m\n  update = interp(grad, old, beta1)\n")
                .replace("  update = update * lr\n", "  step = update * lr\n  update = step\n");
        assertEquals(hash(LION), hash(copies));
    }

    @Test
    void hyperparametersHashLikeTheirInlinedLiterals() {
        String literals = """
                def train(w, g, m, lr):
                  update = interp(g, m, 0.9)
                  update = sign(update)
                  m = interp(g, m, 0.99)
                  decay = w * 1.0
                  update = update + decay
                  lr = lr * 0.0001
                  update = update * lr
                  return update, m
                """;
        assertEquals(hash(LION), hash(literals));
        ShippedPrograms.all().forEach((name, p) -> assertEquals(hash(p), hash(p.inlineHyperparameters()), name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "returned as the new state   | def train(w, g, m, lr, b=0.5):;  u = g * m;  return u, b",
            "reassigned after a use      | def train(w, g, m, lr, b=0.5):;  u = g * b;  b = b * lr;  m = u * b;  return u, m",
            "copied, then the copy used  | def train(w, g, m, lr, b=0.5, c=2.0):;  d = c;  m = interp(g, m, b);  u = m * d;  return u, m"})
    void inliningHyperparametersKeepsTheFunction(String description, String text) {
        Program p = Program.parse(text.replace(";", "\n") + "\n");
        Program inlined = p.inlineHyperparameters();
        assertEquals(List.of(), inlined.signature().hyperparameters());
        assertTrue(Analysis.of(inlined).valid(), inlined::print);
        assertEquals(hash(p), hash(inlined), inlined::print);
    }

    @Test
    void changingAHyperparameterChangesTheHash() {
        Program lion = Program.parse(LION);
        assertNotEquals(hash(lion), hash(lion.withHyperparameters(Map.of("beta1", 0.95))));
    }

    @Test
    void paperAdamwListingHashesLikeShippedAdamw() {
        String paper = """
                def train(w, g, m, v, lr):      # weight, gradient, state slots..., learning-rate value
                  g2 = square(g)
                  m = interp(g, m, 0.9)
                  v = interp(g2, v, 0.999)
                  sqrt_v = sqrt(v)
                  update = m / sqrt_v
                  wd = w * 0.01
                  update = update + wd
                  lr = lr * 0.001
                  update = update * lr
                  return update, m, v           # the update, then the new state, same order as the signature
                """;
        assertEquals(hash(ShippedPrograms.load("adamw.opt")), hash(paper));
    }

    @Test
    void lionAndAdamwDiffer() {
        assertNotEquals(hash(LION), hash(ShippedPrograms.load("adamw.opt")));
    }

    @Test
    void everyPairOfShippedProgramsDiffers() {
        Map<String, String> byHash = new HashMap<>();
        ShippedPrograms.all().forEach((name, p) -> {
            String other = byHash.put(hash(p), name);
            assertEquals(null, other, name + " hashes like " + other);
        });
        assertEquals(ShippedPrograms.names().size(), byHash.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unused slot before m, updated", "unused slot after m, returned unchanged"})
    void extraDeadSlotHashesLikeTheProgramWithoutIt(String variant) {
        String signum = ShippedPrograms.text("signum.opt");
        String extra = variant.startsWith("unused slot before")
                ? signum.replace("def train(w, g, m, lr,", "def train(w, g, v, m, lr,")
                        .replace("  update = sign(m)\n", "  update = sign(m)\n  v = v + g\n")
                        .replace("return update, m", "return update, v, m")
                : signum.replace("def train(w, g, m, lr,", "def train(w, g, m, v, lr,")
                        .replace("return update, m", "return update, m, v");
        Analysis a = Analysis.of(Program.parse(extra));
        assertTrue(a.valid(), a.diagnostics()::toString);
        assertEquals(hash(ShippedPrograms.load("signum.opt")), a.hash());
    }

    @Test
    void inputsCountByPositionNotByName() {
        String gradientSecond = "def train(w, g, lr):\n  u = g - w\n  return u\n";
        String namesSwapped = "def train(g, w, lr):\n  u = w - g\n  return u\n";
        String weightMinusGradient = "def train(w, g, lr):\n  u = w - g\n  return u\n";
        assertEquals(hash(gradientSecond), hash(namesSwapped));
        assertNotEquals(hash(gradientSecond), hash(weightMinusGradient));
    }

    @Test
    void slotsCountByPositionToo() {
        String adamLike = "def train(w, g, m, v, lr):\n  m = interp(g, m, 0.9)\n  g2 = square(g)\n"
                + "  v = interp(g2, v, 0.99)\n  u = m / v\n  return u, m, v\n";
        String slotsSwapped = adamLike.replace("(w, g, m, v, lr)", "(w, g, v, m, lr)").replace("return u, m, v", "return u, v, m");
        assertNotEquals(hash(adamLike), hash(slotsSwapped), "the state layout differs, so the cache keeps them apart");
    }

    @ParameterizedTest(name = "{0}(a, b) = {0}(b, a)")
    @ValueSource(strings = {"+", "*", "max", "min", "dot", "cosine_sim"})
    void commutedArgumentsShareAHash(String op) {
        assertEquals(hash(withCall(op, "g", "m")), hash(withCall(op, "m", "g")));
    }

    @ParameterizedTest(name = "{0}(a, b) != {0}(b, a)")
    @ValueSource(strings = {"-", "/", "interp", "power", "clip"})
    void argumentOrderCountsForOtherFunctions(String op) {
        assertNotEquals(hash(withCall(op, "g", "m")), hash(withCall(op, "m", "g")));
    }

    /** {@code x = op(a, b)} (a third argument 0.9 for interp), feeding the update; the slot keeps g. */
    private static String withCall(String op, String a, String b) {
        String call = op.length() == 1 ? a + " " + op + " " + b
                : op + "(" + a + ", " + b + (op.equals("interp") ? ", 0.9" : "") + ")";
        return DEF + "  x = " + call + "\n  u = x * g\n  m = g\n  return u, m\n";
    }

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
            "0.9,   0.90,                 same",
            "0.9,   0.91,                 different",
            "1e-8,  0.00000001,           same",
            ".5,    5e-1,                 same",
            "1e3,   1000,                 same",
            "2,     2.0000000000000001,   same",
            "0.1,   0.10000000000000002,  different",
            "-0.0,  0.0,                  same",
            "0.5,   -0.5,                 different"})
    void constantsCountByValue(String a, String b, String expected) {
        String first = hash(DEF + "  u = g * " + a + "\n  m = g\n  return u, m\n");
        String second = hash(DEF + "  u = g * " + b + "\n  m = g\n  return u, m\n");
        assertEquals(expected.equals("same"), first.equals(second));
    }

    @Test
    void algebraicIdentitiesAreNotSeen() {
        // Equal functions written differently: the numeric fingerprint's job, not the structural hash's.
        assertNotEquals(hash("def train(w, g, lr):\n  u = g + g\n  return u\n"),
                hash("def train(w, g, lr):\n  u = 2 * g\n  return u\n"));
        assertNotEquals(hash(DEF + "  m = interp(g, m, 0.9)\n  u = sign(m)\n  return u, m\n"),
                hash(DEF + "  m = interp(g, m, 0.9)\n  m2 = m * m\n  r = sqrt(m2)\n  u = m / r\n  return u, m\n"));
    }

    @Test
    void randomProgramsKeepTheirHashWhenRenamedReorderedPaddedOrGivenHyperparameters() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 1000; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(30), rnd.nextInt(4), Op.searchable());
            String h = hash(p);
            assertEquals(h, hash(RandomPrograms.mutateNames(p, rnd)), () -> "renamed\n" + p);
            assertEquals(h, hash(RandomPrograms.reordered(p, rnd)), () -> "reordered\n" + p);
            assertEquals(h, hash(RandomPrograms.withDeadStatements(p, rnd, 1 + rnd.nextInt(5), Op.searchable())),
                    () -> "padded\n" + p);
            assertEquals(h, hash(RandomPrograms.hoistConstants(p, rnd)), () -> "hoisted\n" + p);
        }
    }

    /**
     * 20,000 random programs: half small ones from a few functions and constants, so that many compute
     * the same thing in different text; half from the whole search space. The hash must separate them
     * exactly as their live dataflow does ({@link LiveForm}), renamed copies must collide, and equal
     * text must never get two hashes.
     */
    @Test
    void hashSeparatesExactlyWhatTheLiveDataflowSeparates() {
        SplittableRandom rnd = new SplittableRandom(2023);
        List<Op> few = List.of(Op.ADD, Op.SUB, Op.MUL, Op.MAX, Op.SIGN, Op.SQUARE, Op.INTERP, Op.DOT, Op.COPY);
        List<Double> constants = List.of(0.5, 0.9, 2.0);
        LiveForm forms = new LiveForm();
        Map<Long, String> formByHash = new HashMap<>();
        Map<String, Long> hashByForm = new HashMap<>();
        Map<String, Long> hashBySmallText = new HashMap<>();
        Set<Long> smallHashes = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            boolean small = i % 2 == 0;
            Program p = small
                    ? RandomPrograms.generate(rnd, 1 + rnd.nextInt(5), rnd.nextInt(3), few, constants)
                    : RandomPrograms.generate(rnd, 1 + rnd.nextInt(30), rnd.nextInt(4), Op.searchable());
            long hash = Analysis.of(p).hashBits();
            String form = forms.of(p);
            String knownForm = formByHash.putIfAbsent(hash, form);
            assertTrue(knownForm == null || knownForm.equals(form), () -> "collision:\n" + p + form + "\nvs " + knownForm);
            Long knownHash = hashByForm.putIfAbsent(form, hash);
            assertTrue(knownHash == null || knownHash == hash, () -> "same dataflow, two hashes:\n" + p);
            Program renamed = RandomPrograms.mutateNames(p, rnd);
            assertEquals(hash, Analysis.of(renamed).hashBits(), () -> "renamed copy differs:\n" + p);
            if (small) {
                String text = p.print();
                assertNotEquals(text, renamed.print());
                Long hashOfText = hashBySmallText.putIfAbsent(text, hash);
                assertTrue(hashOfText == null || hashOfText == hash, () -> "equal text, two hashes:\n" + text);
                smallHashes.add(hash);
            }
        }
        assertEquals(hashByForm.size(), formByHash.size());
        assertTrue(smallHashes.size() < hashBySmallText.size(), "the hash merges equal functions written differently: "
                + smallHashes.size() + " hashes for " + hashBySmallText.size() + " texts");
        assertTrue(formByHash.size() > 10_000, "and still tells apart the rest: " + formByHash.size() + " hashes");
    }

    @Test
    void hashIsSixteenHexDigitsAndTheSameEachTime() {
        for (String name : ShippedPrograms.names()) {
            String h = hash(ShippedPrograms.load(name));
            assertTrue(h.matches("[0-9a-f]{16}"), h);
            assertEquals(h, hash(ShippedPrograms.load(name)), name);
            assertEquals(Long.parseUnsignedLong(h, 16), Analysis.of(ShippedPrograms.load(name)).hashBits(), name);
        }
    }
}
