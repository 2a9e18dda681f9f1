package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No text crashes the language: {@link Program#parse} returns a program or throws a
 * {@link ProgramException} whose every diagnostic points inside the text; {@link Analysis#of} never
 * throws on what parsed; and whatever parsed prints back to itself. Fixed seeds throughout.
 */
class FuzzTest {
    private static final String DEF = "def train(w, g, m, lr):\n";

    @Test
    void randomBytesNeverCrashTheParser() {
        SplittableRandom rnd = new SplittableRandom(101);
        for (int i = 0; i < 1500; i++) {
            byte[] bytes = new byte[rnd.nextInt(120)];
            rnd.nextBytes(bytes);
            String prefix = i % 2 == 0 ? "" : DEF + "  ";
            survives(prefix + new String(bytes, StandardCharsets.UTF_8));
            survives(prefix + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void tokenSoupNeverCrashesTheParser() {
        SplittableRandom rnd = new SplittableRandom(202);
        for (int i = 0; i < 3000; i++) {
            String soup = RandomPrograms.soup(rnd, rnd.nextInt(40));
            survives(i % 2 == 0 ? soup : DEF + "  " + soup);
        }
    }

    @Test
    void mutatedValidProgramsNeverCrashTheParser() {
        SplittableRandom rnd = new SplittableRandom(303);
        int parsed = 0;
        for (int i = 0; i < 1500; i++) {
            String text = RandomPrograms.generate(rnd, 1 + rnd.nextInt(10), rnd.nextInt(3), Op.searchable()).print();
            parsed += survives(RandomPrograms.mutateText(text, rnd, 1 + rnd.nextInt(4))) != null ? 1 : 0;
        }
        for (String name : ShippedPrograms.names()) {
            String text = ShippedPrograms.text(name);
            for (int i = 0; i < 100; i++) {
                parsed += survives(RandomPrograms.mutateText(text, rnd, 1 + rnd.nextInt(3))) != null ? 1 : 0;
            }
        }
        assertTrue(parsed > 100, "some mutants still parse, and so reach the analysis: " + parsed);
    }

    @Test
    void mutatedProgramsWithStepInputsReadoutsAndRecentFunctionsNeverCrashTheParser() {
        SplittableRandom rnd = new SplittableRandom(505);
        List<Op> ops = new ArrayList<>(Op.searchable());
        ops.addAll(Op.recent());
        int parsed = 0;
        for (int i = 0; i < 1500; i++) {
            Program p = RandomPrograms.generate(rnd, 1 + rnd.nextInt(10), rnd.nextInt(3), ops, List.of(),
                    List.of(StepInput.STEP, StepInput.TOTAL_STEPS));
            String target = p.statements().get(rnd.nextInt(p.statements().size())).target();
            String text = (rnd.nextBoolean() ? p.withReadout(target) : p).print();
            parsed += survives(RandomPrograms.mutateText(text, rnd, 1 + rnd.nextInt(4))) != null ? 1 : 0;
        }
        assertTrue(parsed > 100, "some mutants still parse, and so reach the analysis: " + parsed);
    }

    @Test
    void arbitraryProgramsWithStepInputsAndReadoutsBuiltInCodeNeverCrashTheAnalysis() {
        SplittableRandom rnd = new SplittableRandom(606);
        List<String> pool = List.of("w", "g", "m", "lr", "step", "total_steps", "x", "undefined");
        List<List<StepInput>> declared = List.of(List.of(), List.of(StepInput.STEP), List.of(StepInput.TOTAL_STEPS),
                List.of(StepInput.STEP, StepInput.TOTAL_STEPS));
        for (int i = 0; i < 3000; i++) {
            List<Statement> body = new ArrayList<>();
            for (int s = rnd.nextInt(8); s > 0; s--) {
                Op op = Op.values()[rnd.nextInt(Op.values().length)];
                List<Operand> args = new ArrayList<>();
                for (int a = 0; a < op.arity(); a++) {
                    args.add(rnd.nextInt(4) == 0 ? new Operand.Const(rnd.nextGaussian())
                            : new Operand.Var(pool.get(rnd.nextInt(pool.size()))));
                }
                body.add(new Statement(pool.get(rnd.nextInt(pool.size())), op, args));
            }
            Signature sig = new Signature("train", List.of("w", "g", "m", "lr"), declared.get(rnd.nextInt(4)), List.of());
            String readout = rnd.nextBoolean() ? null : pool.get(rnd.nextInt(pool.size()));
            Program p = new Program(sig, body, List.of(pool.get(rnd.nextInt(pool.size())), "m"), readout, null);
            Analysis a = Analysis.of(p);
            if (a.valid()) {
                assertNotNull(a.hash());
                assertEquals(p, Program.parse(p.print()));
            }
        }
    }

    @Test
    void arbitraryProgramsBuiltInCodeNeverCrashTheAnalysis() {
        SplittableRandom rnd = new SplittableRandom(404);
        List<String> pool = List.of("w", "g", "m", "v", "lr", "x", "y", "nan", "sign", "undefined");
        for (int i = 0; i < 3000; i++) {
            List<String> inputs = new ArrayList<>();
            int n = 3 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                inputs.add(pool.get(rnd.nextInt(5))); // duplicates too: a Signature does not forbid them
            }
            List<Statement> body = new ArrayList<>();
            for (int s = rnd.nextInt(8); s > 0; s--) {
                Op op = Op.values()[rnd.nextInt(Op.values().length)];
                List<Operand> args = new ArrayList<>();
                for (int a = 0; a < op.arity(); a++) {
                    args.add(rnd.nextInt(4) == 0 ? new Operand.Const(rnd.nextGaussian())
                            : new Operand.Var(pool.get(rnd.nextInt(pool.size()))));
                }
                body.add(new Statement(pool.get(rnd.nextInt(pool.size())), op, args));
            }
            List<String> returns = new ArrayList<>();
            for (int r = rnd.nextInt(5); r > 0; r--) {
                returns.add(pool.get(rnd.nextInt(pool.size())));
            }
            Program p = new Program(new Signature("train", inputs, List.of()), body, returns);
            Analysis a = Analysis.of(p);
            if (a.valid()) {
                assertNotNull(a.hash());
            } else {
                a.errors().forEach(d -> assertEquals(0, d.line(), "no source, no position: " + d));
            }
        }
    }

    @Test
    void twoMegabyteTextIsRefusedAtTheFirstCharacter() {
        String huge = DEF + ("  x = g * 0.5\n").repeat(2 * 1024 * 1024 / 14) + "  return x, m\n";
        ProgramException e = assertThrows(huge);
        assertEquals("1:1", e.diagnostics().get(0).line() + ":" + e.diagnostics().get(0).column());
        assertTrue(e.getMessage().contains("too long"), e.getMessage());
    }

    @Test
    void hundredThousandDeepNestedCallIsAPlainParseError() {
        int depth = 100_000;
        ProgramException nested = assertThrows(DEF + "  x = " + "sign(".repeat(depth) + "g" + ")".repeat(depth) + "\n  return x, m\n");
        assertEquals("2:12: nested calls are not supported: one operation per statement; assign sign(...) to a variable first",
                nested.getMessage());
        ProgramException unknown = assertThrows(DEF + "  x = " + "f(".repeat(depth) + "g" + ")".repeat(depth) + "\n  return x, m\n");
        assertTrue(unknown.getMessage().startsWith("2:7: unknown function 'f'"), unknown.getMessage());
        ProgramException parens = assertThrows(DEF + "  x = " + "(".repeat(depth) + "g" + ")".repeat(depth) + "\n  return x, m\n");
        assertEquals("2:7: expected a variable or a number, found '('", parens.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "u = g * NaN            | 2:11 'NaN' is not a number this language accepts",
            "u = g * nan            | 2:11 'nan' is not a number this language accepts",
            "u = g * inf            | 2:11 'inf' is not a number this language accepts",
            "u = g * Infinity       | 2:11 'Infinity' is not a number this language accepts",
            "u = -inf               | 2:8 'inf' is not a number this language accepts",
            "u = g * 1e309          | 2:11 number '1e309' is out of range",
            "u = g * -1e309         | 2:12 number '1e309' is out of range",
            "u = g * 0x1p3          | 2:12 unexpected 'x' after number '0'",
            "u = g * 1e-400         | valid"})
    void nonFiniteLiteralsAreRefusedWithTheirPosition(String statement, String expected) {
        String text = DEF + "  " + statement + "\n  m = g\n  return u, m\n";
        Program p = survives(text);
        if (expected.equals("valid")) {
            assertNotNull(p);
            assertEquals(new Operand.Const(0.0), p.statements().get(0).args().get(1), "underflow reads as zero");
            return;
        }
        String shown;
        if (p == null) {
            shown = assertThrows(text).diagnostics().get(0).toString();
        } else {
            shown = Analysis.of(p).errors().get(0).toString();
        }
        String position = expected.substring(0, expected.indexOf(' '));
        String fragment = expected.substring(expected.indexOf(' ') + 1);
        assertTrue(shown.startsWith(position + ": ") && shown.contains(fragment), shown);
    }

    @Test
    void nonFiniteHyperparameterDefaultsAreRefused() {
        assertEquals("1:23: expected a default value for 'b', found 'nan'",
                assertThrows("def train(w, g, lr, b=nan):\n  u = g * b\n  return u\n").getMessage());
        assertEquals("1:24: number '1e999' is out of range: literals must be finite",
                assertThrows("def train(w, g, lr, b=-1e999):\n  u = g * b\n  return u\n").getMessage());
    }

    @Test
    void veryLongLinesAreHandled() {
        int length = 900_000;
        String name = "a".repeat(length);
        Program longName = survives("def train(w, g, lr):\n  u = g * " + name + "\n  return u\n");
        assertTrue(Analysis.of(longName).errors().get(0).message().startsWith("undefined variable 'aaa"));
        assertNotNull(survives("def train(w, g, lr):\n  u = g  # " + "x".repeat(length) + "\n  return u\n"));
        assertNotNull(survives("def train(w, g, lr):\n  u = g * 0." + "0".repeat(length) + "1\n  return u\n"));
        assertNull(survives("def train(w, g, lr):\n  u = g * " + "9".repeat(length) + "\n  return u\n"));
        assertNull(survives("def train(w, g, lr):\n" + " ".repeat(length) + "u = g\n  return u\n"));
        assertNull(survives("def train(w, g, lr):\n  u = " + "b".repeat(10_000) + "(g)\n  return u\n"));
        assertNull(survives("def train(w, g, lr):\n  u = g\n  return u" + ", u".repeat(length / 4) + " +\n"));
    }

    @Test
    void hundredThousandIndependentStatementsAreAnalysed() {
        String text = "def train(w, g, lr):\n" + "  x = g\n".repeat(100_000) + "  u = g * lr\n  return u\n";
        Analysis a = Analysis.of(survives(text));
        assertTrue(a.valid());
        assertEquals(100_000, a.deadStatements().size());
    }

    @Test
    void hundredThousandChainedStatementsAreAnalysedWithoutExhaustingTheStack() {
        // Each statement reads the one before: the dataflow is 100,000 deep. Analysis.of must not throw.
        String text = "def train(w, g, lr):\n  x = g\n" + "  x = -x\n".repeat(100_000) + "  return x\n";
        Program p = Program.parse(text);
        Analysis a = Analysis.of(p);
        assertTrue(a.valid());
        assertEquals(16, a.hash().length());
    }

    /** Parses {@code text}: returns the program, or null after checking the error; fails on anything else. */
    private static Program survives(String text) {
        Program p;
        try {
            p = Program.parse(text);
        } catch (ProgramException e) {
            checkPositions(text, e);
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("parse crashed on " + shown(text), e);
        }
        Analysis a;
        try {
            a = Analysis.of(p);
            if (a.valid()) {
                a.hash();
            }
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("analysis crashed on " + shown(text), e);
        }
        for (Diagnostic d : a.diagnostics()) {
            assertTrue(d.line() >= 1 && d.column() >= 1, () -> d + " in " + shown(text));
        }
        assertEquals(p, Program.parse(p.print()), () -> "what parsed must print back to itself: " + shown(text));
        return p;
    }

    private static ProgramException assertThrows(String text) {
        try {
            Program p = Program.parse(text);
            throw new AssertionError("expected a parse error, got\n" + p);
        } catch (ProgramException e) {
            checkPositions(text, e);
            return e;
        }
    }

    /** Every diagnostic of a parse error points at a line of the text and a column within it (or just past it). */
    private static void checkPositions(String text, ProgramException e) {
        assertFalse(e.diagnostics().isEmpty());
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (Diagnostic d : e.diagnostics()) {
            assertTrue(d.isError());
            assertTrue(d.line() >= 1 && d.line() <= lines.length, () -> d + " in " + shown(text));
            assertTrue(d.column() >= 1 && d.column() <= lines[d.line() - 1].length() + 1, () -> d + " in " + shown(text));
            assertFalse(d.message().isBlank());
        }
    }

    private static String shown(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.substring(0, Math.min(text.length(), 300)).chars().forEach(c -> b.append(
                c >= 32 && c < 127 && c != '\\' ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return b.append(text.length() > 300 ? "\"... (" + text.length() + " chars)" : "\"").toString();
    }
}
