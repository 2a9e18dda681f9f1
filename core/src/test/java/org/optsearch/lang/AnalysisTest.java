package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Abstract execution: errors and warnings with their positions, kinds, redundancy and liveness across steps. */
class AnalysisTest {
    private static final String DEF = "def train(w, g, m, lr):\n";

    /** Each program (parsed fine), the line and column of its one error, and a fragment of the message. */
    static Stream<Arguments> invalidPrograms() {
        return Stream.of(
                Arguments.of("undefined variable near a known name",
                        DEF + "  update = sign(g)\n  u = updte * lr\n  return u, m\n",
                        3, 7, "undefined variable 'updte'; did you mean 'update'?"),
                Arguments.of("undefined variable near nothing", DEF + "  u = zzz_top * g\n  return u, m\n",
                        2, 7, "undefined variable 'zzz_top'"),
                Arguments.of("variable used before its assignment", DEF + "  u = t * g\n  t = g\n  return u, m\n",
                        2, 7, "undefined variable 't'"),
                Arguments.of("undefined name in return", DEF + "  u = sign(g)\n  return u, mm\n",
                        3, 13, "undefined variable 'mm'; did you mean 'm'?"),
                Arguments.of("nan used as a variable", DEF + "  u = g * nan\n  return u, m\n",
                        2, 11, "'nan' is not a number this language accepts: literals must be finite"),
                Arguments.of("inf used as a variable", DEF + "  u = g * inf\n  return u, m\n",
                        2, 11, "'inf' is not a number this language accepts"),
                Arguments.of("Infinity used as a variable", DEF + "  u = max(g, Infinity)\n  return u, m\n",
                        2, 14, "'Infinity' is not a number this language accepts"),
                Arguments.of("NaN used as a variable", DEF + "  u = NaN\n  return u, m\n",
                        2, 7, "'NaN' is not a number this language accepts"),
                Arguments.of("function used as a variable", DEF + "  u = sign\n  return u, m\n",
                        2, 7, "'sign' is a function, not a variable; call it: sign(...)"),
                Arguments.of("too few returned values", DEF + "  u = sign(g)\n  return u\n",
                        3, 10, "'return' gives 1 value but the signature has state slots m: return the update, "
                                + "then the new value of each slot in signature order (2 values)"),
                Arguments.of("too many returned values", "def train(w, g, lr):\n  u = sign(g)\n  return u, g\n",
                        3, 10, "'return' gives 2 values but the signature has no state slots"),
                Arguments.of("update does not see the gradient", DEF + "  u = sign(w)\n  m = g\n  return u, m\n",
                        4, 10, "the update 'u' does not depend on the gradient 'g', directly or through the state"),
                Arguments.of("update sees only a slot that never sees the gradient",
                        DEF + "  u = sign(m)\n  m = interp(w, m, 0.9)\n  return u, m\n",
                        4, 10, "the update 'u' does not depend on the gradient 'g'"),
                Arguments.of("clip_by_global_norm with an array bound", DEF + "  u = clip_by_global_norm(g, m)\n  return u, m\n",
                        2, 30, "clip_by_global_norm takes a scalar bound as its second argument, got an array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPrograms")
    void reportsTheErrorWhereItIs(String description, String text, int line, int column, String fragment) {
        Analysis a = Analysis.of(Program.parse(text));
        assertFalse(a.valid());
        assertEquals(1, a.errors().size(), () -> a.diagnostics().toString());
        Diagnostic d = a.errors().get(0);
        assertAll(
                () -> assertEquals(line + ":" + column, d.line() + ":" + d.column(), d.message()),
                () -> assertTrue(d.message().contains(fragment), () -> "'" + d.message() + "' lacks '" + fragment + "'"));
    }

    @Test
    void undefinedVariableFarFromEveryNameGetsNoSuggestion() {
        Analysis a = Analysis.of(Program.parse(DEF + "  u = zzz_top * g\n  return u, m\n"));
        assertFalse(a.errors().get(0).message().contains("did you mean"), a.errors().get(0).message());
    }

    @Test
    void updateThatSeesTheGradientOnlyThroughAStateSlotIsValid() {
        Analysis a = Analysis.of(Program.parse(DEF + "  update = sign(m)\n  update = update * lr\n  m = interp(g, m, 0.9)\n  return update, m\n"));
        assertTrue(a.valid(), a.diagnostics()::toString);
        assertEquals(List.of(), a.diagnostics());
        assertTrue(a.slotLive(0));
    }

    @Test
    void slotIsLiveWhenOnlyAnotherLiveSlotReadsIt() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, m, v, lr):\n  update = sign(m)\n  update = update * lr\n"
                + "  m = interp(v, m, 0.9)\n  v = v + g\n  return update, m, v\n"));
        assertEquals(List.of(), a.diagnostics());
        assertTrue(a.slotLive(0) && a.slotLive(1));
        assertEquals(List.of(), a.deadStatements());
    }

    @Test
    void everyErrorIsReportedAndRequireValidCarriesThemAll() {
        Analysis a = Analysis.of(Program.parse(DEF + "  a = sign(gg)\n  b = abs(ww)\n  u = a + b\n  return u, m\n"));
        assertEquals(List.of("2:12", "3:11"), a.errors().stream().map(d -> d.line() + ":" + d.column()).toList());
        ProgramException e = assertThrows(ProgramException.class, a::requireValid);
        assertEquals(a.errors(), e.diagnostics());
        assertThrows(ProgramException.class, a::hash);
        assertThrows(ProgramException.class, a::dataflow);
    }

    @Test
    void programBuiltInCodeGetsMessagesWithoutPositions() {
        Program p = new Program(Signature.of("w", "g", "lr"),
                List.of(Statement.of("u", Op.SIGN, new Operand.Var("w"))), List.of("u"));
        Diagnostic d = Analysis.of(p).errors().get(0);
        assertEquals(0, d.line());
        assertEquals(0, d.column());
        assertEquals("the update 'u' does not depend on the gradient 'g', directly or through the state", d.toString());
    }

    @Test
    void tooManyStateSlotsIsAnErrorAtTheFirstInput() {
        List<String> inputs = new ArrayList<>(List.of("w", "g"));
        for (int s = 0; s <= Analysis.MAX_SLOTS; s++) {
            inputs.add("s" + s);
        }
        inputs.add("lr");
        String text = "def train(" + String.join(", ", inputs) + "):\n  return g" + ", g".repeat(Analysis.MAX_SLOTS + 1) + "\n";
        Diagnostic d = Analysis.of(Program.parse(text)).errors().get(0);
        assertEquals("1:11: too many state slots (61); at most 60 are supported", d.toString());
    }

    @Test
    void mostSlotsSupportedAreAllTracked() {
        StringBuilder text = new StringBuilder("def train(w, g");
        StringBuilder body = new StringBuilder("  u = g + s59\n  u = u * lr\n");
        StringBuilder returns = new StringBuilder("  return u");
        for (int s = 0; s < Analysis.MAX_SLOTS; s++) {
            text.append(", s").append(s);
            body.append("  n").append(s).append(" = ").append(s == 0 ? "g" : "s" + (s - 1)).append('\n');
            returns.append(", n").append(s);
        }
        Analysis a = Analysis.of(Program.parse(text + ", lr):\n" + body + returns + "\n"));
        assertEquals(List.of(), a.diagnostics());
        for (int s = 0; s < Analysis.MAX_SLOTS; s++) {
            assertTrue(a.slotLive(s), "slot " + s);
        }
    }

    @ParameterizedTest(name = "x = {0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "global_norm(g)                 | scalar",
            "norm(g)                        | array",
            "norm(lr)                       | scalar",
            "lr * 0.1                       | scalar",
            "g * lr                         | array",
            "-lr                            | scalar",
            "dot(g, w)                      | scalar",
            "dot(lr, lr)                    | scalar",
            "cosine_sim(g, m)               | scalar",
            "get_pi()                       | scalar",
            "0.5                            | scalar",
            "b                              | scalar",
            "b * 2                          | scalar",
            "g                              | array",
            "m                              | array",
            "clip_by_global_norm(g, 1.0)    | array",
            "clip_by_global_norm(lr, s)     | scalar",
            "interp(lr, 0.5, b)             | scalar",
            "interp(lr, 0.5, m)             | array",
            "power(s, w)                    | array",
            "s + lr                         | scalar"})
    void kindFollowsTheFunctionAndItsArguments(String expression, String kind) {
        Analysis a = Analysis.of(Program.parse("def train(w, g, m, lr, b=0.5):\n  s = global_norm(g)\n  x = " + expression
                + "\n  u = g * lr\n  m = g\n  return u, m\n"));
        assertTrue(a.valid(), a.diagnostics()::toString);
        assertEquals(kind.equals("array"), a.isArray(1));
        assertFalse(a.isArray(0), "global_norm is a scalar");
    }

    @Test
    void rawLionHasARedundantStatementAndASlotThatIsNeverRead() {
        Analysis a = Analysis.of(ShippedPrograms.load("lion_raw.opt"));
        assertTrue(a.valid());
        assertEquals(List.of(10), a.deadStatements());
        assertEquals(List.of(13), a.deadLines(), "m = cosh(update) only feeds the slot m, which nothing reads");
        assertFalse(a.slotLive(0), "m");
        assertTrue(a.slotLive(1), "v");
        assertEquals(List.of(new Diagnostic(Diagnostic.Severity.WARNING, 2, 17,
                "state slot 'm' is never read on the way to the update, so its new value has no effect")), a.diagnostics());
    }

    @Test
    void overwrittenValueIsRedundant() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, lr):\n  x = sign(g)\n  x = abs(g)\n  y = x * 2\n"
                + "  u = x * lr\n  return u\n"));
        assertEquals(List.of(0, 2), a.deadStatements());
        assertEquals(List.of(2, 4), a.deadLines());
    }

    @Test
    void slotThatFeedsOnlyItselfIsDeadAndSaysSo() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, v, lr):\n  v = v + g\n  u = g * lr\n  return u, v\n"));
        assertTrue(a.valid());
        assertFalse(a.slotLive(0));
        assertEquals(List.of(0), a.deadStatements());
        assertEquals("1:17: warning: state slot 'v' is never read on the way to the update, so its new value has no effect",
                a.diagnostics().get(0).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "returned as is        | u = g * lr;return u, m",
            "returned via a copy   | m2 = m;u = g * lr;return u, m2",
            "read, returned as is  | u = g + m;u = u * lr;return u, m"})
    void slotReturnedUnchangedIsAWarning(String description, String body) {
        Analysis a = Analysis.of(Program.parse(DEF + "  " + body.replace(";", "\n  ") + "\n"));
        assertTrue(a.valid(), "a warning, not an error");
        assertEquals(List.of(new Diagnostic(Diagnostic.Severity.WARNING, 1, 17,
                "state slot 'm' is returned unchanged, so it stays zero; write its new value or remove the slot")),
                a.diagnostics());
    }

    @Test
    void shippedProgramsAreValidAndOnlyTheRawOneDrawsWarnings() {
        ShippedPrograms.all().forEach((name, p) -> {
            Analysis a = Analysis.of(p);
            assertTrue(a.valid(), name);
            if (!name.equals("lion_raw.opt")) {
                assertEquals(List.of(), a.diagnostics(), name);
                assertEquals(List.of(), a.deadStatements(), name);
            }
        });
    }

    @Test
    void warningsComeInOrderOfPosition() {
        Analysis a = Analysis.of(Program.parse("def train(w, g, m, v, lr):\n  v = v + g\n  u = g * lr\n  return u, m, v\n"));
        assertEquals(List.of("1:17", "1:20"), a.diagnostics().stream().map(d -> d.line() + ":" + d.column()).toList());
    }

    @Test
    void programWithoutSourceNumbersItsDeadStatements() {
        Program p = Program.parse("def train(w, g, lr):\n  x = sign(g)\n  u = g * lr\n  return u\n").withStatements(
                List.of(Statement.of("x", Op.SIGN, new Operand.Var("g")),
                        Statement.of("u", Op.MUL, new Operand.Var("g"), new Operand.Var("lr"))));
        assertEquals(List.of(1), Analysis.of(p).deadLines());
    }
}
