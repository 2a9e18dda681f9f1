package org.optsearch.lang;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What the parser accepts (and how it reads it), and where and why it refuses the rest. */
class ParserTest {
    private static final String DEF = "def train(w, g, m, lr):\n";

    /** Each input, and the canonical text it must read as. */
    static Stream<Arguments> validInputs() {
        String plain = "def train(w, g, lr):\n  u = g * lr\n  return u\n";
        return Stream.of(
                Arguments.of("comments and blank lines anywhere",
                        "# Déjà vu: comments may hold any text, λ included\n\n"
                                + "def train(w, g, lr):   # the signature\n"
                                + "\n  # a comment in the body\n"
                                + "  u = g * lr  # a trailing comment\n"
                                + "      # a comment indented differently\n"
                                + "  \t \n"
                                + "  return u  # done\n\n# after the return\n",
                        plain),
                Arguments.of("tab indentation", "def train(w, g, lr):\n\tu = g * lr\n\treturn u\n", plain),
                Arguments.of("four-space indentation", "def train(w, g, lr):\n    u = g * lr\n    return u\n", plain),
                Arguments.of("Windows line endings", "def train(w, g, lr):\r\n  u = g * lr\r\n  return u\r\n", plain),
                Arguments.of("old Mac line endings", "def train(w, g, lr):\r  u = g * lr\r  return u\r", plain),
                Arguments.of("no newline at the end", "def train(w, g, lr):\n  u = g * lr\n  return u", plain),
                Arguments.of("spacing within a line is free", "def train( w,g ,lr ) :\n  u=g*lr\n  return   u\n", plain),
                Arguments.of("interpolate is an alias of interp",
                        DEF + "  m = interpolate(g, m, 0.9)\n  u = m * lr\n  return u, m\n",
                        DEF + "  m = interp(g, m, 0.9)\n  u = m * lr\n  return u, m\n"),
                Arguments.of("signed, exponent and bare-fraction literals",
                        "def train(w, g, lr):\n  a = g * -0.5\n  b = a + 1e-8\n  c = b - .5\n  d = c / +2\n"
                                + "  e = 1E3 * d\n  f = -1.5e-3\n  u = e + f\n  return u\n",
                        "def train(w, g, lr):\n  a = g * -0.5\n  b = a + 1e-08\n  c = b - 0.5\n  d = c / 2.0\n"
                                + "  e = 1000.0 * d\n  f = -0.0015\n  u = e + f\n  return u\n"),
                Arguments.of("hyperparameter defaults",
                        "def train(w, g, m, lr, beta=0.9, eps=1e-8, neg=-0.5, half=.5, big=+1e20):\n"
                                + "  m = interp(g, m, beta)\n  u = m * lr\n  return u, m\n",
                        "def train(w, g, m, lr, beta=0.9, eps=1e-08, neg=-0.5, half=0.5, big=1e+20):\n"
                                + "  m = interp(g, m, beta)\n  u = m * lr\n  return u, m\n"),
                Arguments.of("copies, negation and zero-argument calls",
                        "def train(w, g, lr):\n  a = g\n  b = 0.5\n  c = -a\n  d = - 0.25\n  e = negative(a)\n"
                                + "  p = get_pi()\n  u = c * p\n  return u\n",
                        "def train(w, g, lr):\n  a = g\n  b = 0.5\n  c = -a\n  d = -0.25\n  e = -a\n"
                                + "  p = get_pi()\n  u = c * p\n  return u\n"),
                Arguments.of("any function name; names with digits and underscores",
                        "def step(w_0, _g, state1, LR):\n  state1 = _g\n  u2 = state1 * LR\n  return u2, state1\n",
                        "def step(w_0, _g, state1, LR):\n  state1 = _g\n  u2 = state1 * LR\n  return u2, state1\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validInputs")
    void readsValidInput(String description, String text, String canonical) {
        assertEquals(canonical, Program.parse(text).print());
    }

    @Test
    void eachStatementFormBecomesItsOperation() {
        Program p = Program.parse("def train(w, g, lr):\n  a = g\n  b = 0.5\n  c = -a\n  d = -0.5\n  e = a - 2\n"
                + "  f = interpolate(a, c, 0.1)\n  return f\n");
        List<Statement> s = p.statements();
        assertAll(
                () -> assertEquals(Statement.of("a", Op.COPY, new Operand.Var("g")), s.get(0)),
                () -> assertEquals(Statement.of("b", Op.COPY, new Operand.Const(0.5)), s.get(1)),
                () -> assertEquals(Statement.of("c", Op.NEGATIVE, new Operand.Var("a")), s.get(2)),
                () -> assertEquals(Statement.of("d", Op.COPY, new Operand.Const(-0.5)), s.get(3)),
                () -> assertEquals(Statement.of("e", Op.SUB, new Operand.Var("a"), new Operand.Const(2)), s.get(4)),
                () -> assertEquals(Statement.of("f", Op.INTERP, new Operand.Var("a"), new Operand.Var("c"),
                        new Operand.Const(0.1)), s.get(5)));
    }

    @Test
    void signaturePositionsAndHyperparametersAreKeptApart() {
        Program p = Program.parse("def train(weights, grad, m, v, rate, beta=0.9, eps=1e-8):\n"
                + "  u = grad * rate\n  return u, m, v\n");
        Signature s = p.signature();
        assertAll(
                () -> assertEquals("weights", s.weight()),
                () -> assertEquals("grad", s.gradient()),
                () -> assertEquals(List.of("m", "v"), s.slots()),
                () -> assertEquals("rate", s.learningRate()),
                () -> assertEquals(List.of(new Hyperparameter("beta", 0.9), new Hyperparameter("eps", 1e-8)),
                        s.hyperparameters()));
    }

    @Test
    void parsedProgramRemembersWhereEachPartStands() {
        Program p = Program.parse("# header\ndef train(w, g, m, lr):\n  m = interp(g, m, 0.9)\n  return m, m\n");
        SourceMap src = p.source();
        assertAll(
                () -> assertEquals(new SourceMap.Position(3, 3), src.statement(0)),
                () -> assertEquals(new SourceMap.Position(3, 14), src.argument(0, 0)),
                () -> assertEquals(new SourceMap.Position(3, 20), src.argument(0, 2)),
                () -> assertEquals(new SourceMap.Position(4, 13), src.returned(1)),
                () -> assertEquals(new SourceMap.Position(2, 17), src.input(2)));
    }

    /** Each input, the exact line and column of the first error, and a fragment of its message. */
    static Stream<Arguments> invalidInputs() {
        String body = "  return u, m\n";
        return Stream.of(
                Arguments.of("unknown function, with a suggestion", DEF + "  u = sgn(g)\n" + body,
                        2, 7, "unknown function 'sgn'; did you mean 'sign'?"),
                Arguments.of("unknown function, nothing near", DEF + "  u = frobnicate(g)\n" + body,
                        2, 7, "unknown function 'frobnicate'; see docs/language.md"),
                Arguments.of("nested call", DEF + "  u = sign(abs(g))\n" + body,
                        2, 12, "nested calls are not supported: one operation per statement"),
                Arguments.of("two operators", DEF + "  u = g + m + w\n" + body,
                        2, 13, "one operation per statement"),
                Arguments.of("operator inside call arguments", DEF + "  u = sign(g + m)\n" + body,
                        2, 14, "one operation per statement"),
                Arguments.of("negated call", DEF + "  u = -sign(g)\n" + body,
                        2, 8, "a call cannot be negated in place"),
                Arguments.of("negation inside an expression", DEF + "  u = g * -m\n" + body,
                        2, 11, "negation inside an expression is not supported"),
                Arguments.of("missing return", DEF + "  u = sign(g)\n",
                        3, 1, "the program has no 'return' line"),
                Arguments.of("text after return", DEF + "  u = sign(g)\n" + body + "  x = g\n",
                        4, 3, "nothing may follow the 'return' line (line 3)"),
                Arguments.of("empty return", DEF + "  u = sign(g)\n  return\n",
                        3, 9, "'return' needs the update and the new state"),
                Arguments.of("expression in return", DEF + "  u = sign(g)\n  return u + m\n",
                        3, 12, "'return' takes variable names only"),
                Arguments.of("inconsistent indentation", DEF + "  u = sign(g)\n    x = g\n" + body,
                        3, 1, "inconsistent indentation: the body's first line is indented by 2 spaces, this one by 4 spaces"),
                Arguments.of("tabs then spaces", DEF + "\tu = sign(g)\n" + body,
                        3, 1, "indented by 1 tab, this one by 2 spaces"),
                Arguments.of("unindented body", DEF + "u = sign(g)\n" + body,
                        2, 1, "expected an indented statement in the body of 'train'"),
                Arguments.of("indented def", "  " + DEF + body, 1, 1, "unexpected indentation before 'def'"),
                Arguments.of("no def", "u = sign(g)\n", 1, 1, "expected 'def train(w, g, ..., lr):', found 'u'"),
                Arguments.of("empty text", "", 1, 1, "found no definition"),
                Arguments.of("def in the body", DEF + "  def = g\n" + body, 2, 3, "nested definitions are not supported"),
                Arguments.of("missing colon", "def train(w, g, lr)\n  return g\n", 1, 20, "expected ':'"),
                Arguments.of("duplicate parameter", "def train(w, g, w, lr):\n  return g\n",
                        1, 17, "duplicate parameter 'w'"),
                Arguments.of("fewer than 3 inputs", "def train(w, g):\n  return g\n",
                        1, 5, "the signature needs at least 3 inputs (w, g, [state slots...,] lr), found 2"),
                Arguments.of("positional parameter after a hyperparameter", "def train(w, g, b=0.9, lr):\n  return g\n",
                        1, 24, "parameter 'lr' has no default but follows a hyperparameter"),
                Arguments.of("non-number default", "def train(w, g, lr, b=nan):\n  return g\n",
                        1, 23, "expected a default value for 'b', found 'nan'"),
                Arguments.of("default out of range", "def train(w, g, lr, b=1e999):\n  return g\n",
                        1, 23, "number '1e999' is out of range: literals must be finite"),
                Arguments.of("literal out of range", DEF + "  u = g * 1e999\n" + body,
                        2, 11, "number '1e999' is out of range: literals must be finite"),
                Arguments.of("malformed exponent", DEF + "  u = g * 1e+\n" + body,
                        2, 12, "malformed exponent in number '1e+'"),
                Arguments.of("exponent without digits", DEF + "  u = g * 2E\n" + body,
                        2, 12, "malformed exponent in number '2E'"),
                Arguments.of("two decimal points", DEF + "  u = g * 1.2.3\n" + body,
                        2, 14, "unexpected '.' after number '1.2'"),
                Arguments.of("letters glued to a number", DEF + "  u = g * 2x\n" + body,
                        2, 12, "unexpected 'x' after number '2'"),
                Arguments.of("unexpected ASCII character", DEF + "  u = g @ m\n" + body,
                        2, 9, "unexpected character '@'"),
                Arguments.of("non-ASCII operator", DEF + "  u = g \u00d7 2\n" + body,
                        2, 9, "unexpected character U+00D7"),
                Arguments.of("non-ASCII letter in a name", DEF + "  \u00fc = g\n" + body,
                        2, 3, "unexpected character U+00FC"),
                Arguments.of("character outside the BMP", DEF + "  u = g \uD83D\uDE00\n" + body,
                        2, 9, "unexpected character U+1F600"),
                Arguments.of("control character", DEF + "  u = g\u0000\n" + body,
                        2, 8, "unexpected character U+0000"),
                Arguments.of("wrong arity, too many", DEF + "  u = sign(g, m)\n" + body,
                        2, 7, "sign takes 1 argument, got 2"),
                Arguments.of("wrong arity, too few", DEF + "  u = interp(g, m)\n" + body,
                        2, 7, "interp takes 3 arguments, got 2"),
                Arguments.of("trailing comma in arguments", DEF + "  u = max(g, m,)\n" + body,
                        2, 16, "expected an argument after ','"),
                Arguments.of("unclosed call", DEF + "  u = max(g, m\n" + body,
                        2, 15, "expected ',' or ')' in the arguments of max, found the end of the line"),
                Arguments.of("missing '='", DEF + "  u sign(g)\n" + body, 2, 5, "expected '=', found 'sign'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void refusesInvalidInputAtTheRightPlace(String description, String text, int line, int column, String fragment) {
        ProgramException e = assertThrows(ProgramException.class, () -> Program.parse(text));
        assertEquals(1, e.diagnostics().size(), "one error: " + e.diagnostics());
        Diagnostic d = e.diagnostics().get(0);
        assertAll(
                () -> assertTrue(d.isError()),
                () -> assertEquals(line + ":" + column, d.line() + ":" + d.column(), d.message()),
                () -> assertTrue(d.message().contains(fragment), () -> "'" + d.message() + "' lacks '" + fragment + "'"),
                () -> assertEquals(line + ":" + column + ": " + d.message(), e.getMessage()));
    }

    @ParameterizedTest(name = "{0}(g)")
    @CsvSource({"f", "x", "ad", "mul"})
    void unknownFunctionIsNeverOfferedAnOperatorSymbol(String name) {
        // '+ - * /' are written between operands; 'did you mean '*'?' would suggest text that cannot parse.
        ProgramException e = assertThrows(ProgramException.class,
                () -> Program.parse(DEF + "  u = " + name + "(g)\n  return u, m\n"));
        for (String symbol : List.of("'+'", "'-'", "'*'", "'/'")) {
            assertFalse(e.getMessage().contains(symbol), e.getMessage());
        }
    }

    @Test
    void overlongTextIsRefusedBeforeAnyWork() {
        String text = DEF + "#".repeat(Parser.MAX_CHARS);
        ProgramException e = assertThrows(ProgramException.class, () -> Program.parse(text));
        assertTrue(e.getMessage().startsWith("1:1: program text is too long"), e.getMessage());
    }

    @Test
    void nullTextIsAProgramErrorWithoutPosition() {
        ProgramException e = assertThrows(ProgramException.class, () -> Program.parse(null));
        assertEquals("no program text", e.getMessage());
    }
}
