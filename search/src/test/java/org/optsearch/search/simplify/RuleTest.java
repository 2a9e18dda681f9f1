package org.optsearch.search.simplify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.lang.Program;

/**
 * Every rewrite rule on its own, from a table: the program before, the program after applying only
 * that rule (and dropping what became dead), and a numeric check with the reference interpreter that
 * the function did not change: bit for bit for {@link Rule.Exactness#EXACT} rules, to 1e-5 relative
 * otherwise. Cases where a rule must not fire have the same text before and after.
 */
class RuleTest {
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    static Stream<Arguments> cases() {
        return Stream.of(
                rule(Rule.COPY_PROPAGATION, """
                        def train(w, g, lr):
                          t = g
                          u = t * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          u = g * lr
                          return u
                        """),
                rule(Rule.CONSTANT_FOLDING, """
                        def train(w, g, lr):
                          c = 2.0 * 3.0
                          u = g * c
                          u = u * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          c = 6.0
                          u = g * c
                          u = u * lr
                          return u
                        """),
                rule(Rule.CONSTANT_FOLDING, """
                        def train(w, g, lr):
                          p = get_pi()
                          n = global_norm(-2.0)
                          c = cosine_sim(2.0, -3.0)
                          u = g * p
                          u = u * n
                          u = u * c
                          u = u * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          p = 3.1415927
                          n = 2.0
                          c = -1.0
                          u = g * p
                          u = u * n
                          u = u * c
                          u = u * lr
                          return u
                        """),
                rule(Rule.CONSTANT_FOLDING, """
                        def train(w, g, lr):
                          c = log(0.0)
                          d = max(c, 1.0)
                          u = g * d
                          u = u * lr
                          return u
                        """, SAME),
                rule(Rule.SIGN_FROM_ABS, """
                        def train(w, g, m, lr):
                          m = interp(g, m, 0.9)
                          a = abs(m)
                          u = m / a
                          u = u * lr
                          return u, m
                        """, """
                        def train(w, g, m, lr):
                          m = interp(g, m, 0.9)
                          u = sign(m)
                          u = u * lr
                          return u, m
                        """),
                rule(Rule.SIGN_FROM_SQRT, """
                        def train(w, g, m, lr):
                          m = interp(g, m, 0.9)
                          m2 = m * m
                          abs_m = sqrt(m2)
                          u = m / abs_m
                          u = u * lr
                          return u, m
                        """, """
                        def train(w, g, m, lr):
                          m = interp(g, m, 0.9)
                          u = sign(m)
                          u = u * lr
                          return u, m
                        """),
                rule(Rule.SIGN_FROM_SQRT, """
                        def train(w, g, lr):
                          s = square(g)
                          r = sqrt(s)
                          u = g / r
                          u = u * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          u = sign(g)
                          u = u * lr
                          return u
                        """),
                rule(Rule.SIGN_FROM_SQRT, """
                        def train(w, g, lr):
                          s = g * w
                          r = sqrt(s)
                          u = g / r
                          u = u * lr
                          return u
                        """, SAME),
                rule(Rule.DOUBLE_NEGATION, """
                        def train(w, g, lr):
                          a = -g
                          b = -a
                          u = b * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          b = g
                          u = b * lr
                          return u
                        """),
                rule(Rule.MULTIPLY_BY_ONE, """
                        def train(w, g, lr):
                          d = w * 1.0
                          e = 1.0 * g
                          u = e + d
                          u = u * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          d = w
                          e = g
                          u = e + d
                          u = u * lr
                          return u
                        """),
                rule(Rule.MULTIPLY_BY_MINUS_ONE, """
                        def train(w, g, lr):
                          d = g * -1.0
                          u = d * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          d = -g
                          u = d * lr
                          return u
                        """),
                rule(Rule.ADD_ZERO, """
                        def train(w, g, lr):
                          a = g + 0.0
                          b = 0.0 + a
                          c = b - 0.0
                          u = c * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          a = g
                          b = a
                          c = b
                          u = c * lr
                          return u
                        """),
                rule(Rule.ADD_ZERO, """
                        def train(w, g, lr):
                          a = 0.0 - g
                          u = a * lr
                          return u
                        """, SAME),
                rule(Rule.DIVIDE_BY_ONE, """
                        def train(w, g, lr):
                          a = g / 1.0
                          u = a * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          a = g
                          u = a * lr
                          return u
                        """),
                rule(Rule.POWER_OF_ONE, """
                        def train(w, g, lr):
                          a = power(g, 1.0)
                          u = a * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          a = g
                          u = a * lr
                          return u
                        """),
                // interp(g, m, 0.0) is g: the update no longer reads the slot m, so the slot goes too
                rule(Rule.INTERP_ENDPOINT, """
                        def train(w, g, m, lr):
                          a = interp(g, m, 0.0)
                          m = interp(g, m, 0.9)
                          u = a * lr
                          return u, m
                        """, """
                        def train(w, g, lr):
                          a = g
                          u = a * lr
                          return u
                        """),
                rule(Rule.INTERP_ENDPOINT, """
                        def train(w, g, lr):
                          a = interp(w, g, 1.0)
                          u = a * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          a = g
                          u = a * lr
                          return u
                        """),
                // lr is a scalar and a is an array: replacing a by lr would change what norm(a) computes
                rule(Rule.INTERP_ENDPOINT, """
                        def train(w, g, lr):
                          a = interp(lr, g, 0.0)
                          n = norm(a)
                          u = g * n
                          return u
                        """, SAME),
                // interp(g, w, 1.0) -> w would leave an update that does not read g: an invalid program
                rule(Rule.INTERP_ENDPOINT, """
                        def train(w, g, lr):
                          a = interp(g, w, 1.0)
                          u = a * lr
                          return u
                        """, SAME),
                // the paper's case (Program 4): v = interp(g, interp(g, v, 0.899), 1.109); m is still read
                rule(Rule.INTERP_MERGE, """
                        def train(w, g, v, lr):
                          m = interp(g, v, 0.899)
                          v = interp(g, m, 1.109)
                          u = sign(m)
                          u = u * lr
                          return u, v
                        """, """
                        def train(w, g, v, lr):
                          m = interp(g, v, 0.899)
                          v = interp(g, v, 0.996991)
                          u = sign(m)
                          u = u * lr
                          return u, v
                        """),
                rule(Rule.INTERP_MERGE, """
                        def train(w, g, lr):
                          a = interp(g, w, 0.5)
                          b = interp(a, g, 0.5)
                          u = b * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          b = interp(g, w, 0.25)
                          u = b * lr
                          return u
                        """),
                rule(Rule.INTERP_MERGE, """
                        def train(w, g, lr):
                          a = interp(g, w, 0.5)
                          b = interp(w, a, 0.5)
                          u = b * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          b = interp(w, g, 0.25)
                          u = b * lr
                          return u
                        """),
                rule(Rule.INTERP_MERGE, """
                        def train(w, g, lr):
                          a = interp(g, w, 0.25)
                          b = interp(a, w, 0.5)
                          u = b * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          b = interp(w, g, 0.375)
                          u = b * lr
                          return u
                        """),
                rule(Rule.INTERP_MERGE, """
                        def train(w, g, m, lr):
                          a = interp(g, m, 0.9)
                          b = interp(w, a, 0.5)
                          u = b * lr
                          return u, a
                        """, SAME),
                rule(Rule.IDEMPOTENT, """
                        def train(w, g, lr):
                          s = sign(g)
                          t = sign(s)
                          u = t * lr
                          return u
                        """, """
                        def train(w, g, lr):
                          s = sign(g)
                          t = s
                          u = t * lr
                          return u
                        """),
                rule(Rule.COMMON_SUBEXPRESSION, """
                        def train(w, g, lr):
                          a = g * lr
                          b = lr * g
                          u = a + b
                          return u
                        """, """
                        def train(w, g, lr):
                          a = g * lr
                          b = a
                          u = a + b
                          return u
                        """),
                rule(Rule.COMMON_SUBEXPRESSION, """
                        def train(w, g, lr):
                          a = g - w
                          b = w - g
                          u = a * b
                          u = u * lr
                          return u
                        """, SAME));
    }

    /** Marks a case where the rule must not change the program. */
    private static final String SAME = "";

    private static Arguments rule(Rule rule, String before, String after) {
        return Arguments.of(rule, before, after.isEmpty() ? before : after);
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("cases")
    void ruleRewritesAsTheTableSaysAndKeepsTheFunction(Rule rule, String beforeText, String afterText) {
        Program before = Program.parse(beforeText);
        Simplifier.Result result = Simplifier.rewrite(before, List.of(rule));

        assertEquals(Program.parse(afterText).print(), result.program().print());
        assertEquals(beforeText.equals(afterText), result.applied().isEmpty(), () -> "log: " + result.applied());
        result.applied().forEach(line -> assertTrue(line.startsWith(rule.label() + ": "), line));
        for (long seed : SEEDS) {
            Numerics.Comparison c = rule.exactness() == Rule.Exactness.EXACT
                    ? Numerics.compareExactly(before, result.program(), seed)
                    : Numerics.compare(before, result.program(), seed);
            assertEquals(Numerics.Outcome.SAME, c.outcome(), "seed " + seed + ": " + c);
        }
    }

    @Test
    void everyRuleHasACaseThatFires() {
        Set<Rule> covered = cases().map(Arguments::get)
                .filter(a -> !a[1].equals(a[2]))
                .map(a -> (Rule) a[0])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Rule.class)));
        assertEquals(EnumSet.allOf(Rule.class), covered);
    }

    @Test
    void everyRuleNamesAndDescribesItself() {
        Set<String> labels = Stream.of(Rule.values()).map(Rule::label).collect(Collectors.toSet());
        assertEquals(Rule.values().length, labels.size());
        for (Rule r : Rule.values()) {
            assertTrue(r.label().matches("[a-z-]+"), r.label());
            assertTrue(r.description().length() > 10, r.label());
        }
    }

    @Test
    void chainedFoldingReachesOneLiteral() {
        Program p = Program.parse("""
                def train(w, g, lr):
                  a = 0.5 + 0.25
                  b = a * 4.0
                  c = -b
                  d = -c
                  u = g * d
                  u = u * lr
                  return u
                """);
        assertEquals("""
                def train(w, g, lr):
                  u = g * 3.0
                  u = u * lr
                  return u
                """, Simplifier.rewrite(p).program().print());
    }
}
