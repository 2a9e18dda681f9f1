package org.optsearch.lang;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads program text, strictly: one {@code def} line, indented assignments of one operation each,
 * and a final {@code return}. Python comments and blank lines may appear anywhere.
 *
 * <p>Works line by line with no recursion, so no input can exhaust the stack; every failure is a
 * {@link ProgramException} with the line and column of the problem.
 */
final class Parser {
    /** Larger texts are refused before any work: no optimizer program is anywhere near this. */
    static final int MAX_CHARS = 1 << 20;
    /** The one named item of a {@code return} line: the weights to evaluate. */
    static final String READOUT = "readout";

    private final List<List<SourceMap.Position>> statementPositions = new ArrayList<>();
    private final List<SourceMap.Position> returnPositions = new ArrayList<>();
    private final List<SourceMap.Position> inputPositions = new ArrayList<>();
    private final List<Statement> statements = new ArrayList<>();
    private final List<String> returns = new ArrayList<>();
    private String readout;
    private Signature signature;
    private String bodyIndent;
    private int returnLine;

    private Parser() {
    }

    static Program parse(String text) {
        if (text == null) {
            throw new ProgramException(Diagnostic.error(null, "no program text"));
        }
        if (text.length() > MAX_CHARS) {
            throw new ProgramException(Diagnostic.error(new SourceMap.Position(1, 1),
                    "program text is too long (" + text.length() + " characters; the limit is " + MAX_CHARS + ")"));
        }
        return new Parser().run(text);
    }

    private Program run(String text) {
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            line(lines[i], i + 1);
        }
        int last = lines.length;
        if (signature == null) {
            throw error(last, 1, "expected 'def train(w, g, ..., lr):', found no definition");
        }
        if (returnLine == 0) {
            throw error(last, 1, "the program has no 'return' line; end it with 'return update, <new state...>'");
        }
        SourceMap source = new SourceMap(statementPositions, returnPositions, inputPositions);
        return new Program(signature, statements, returns, readout, source);
    }

    private void line(String raw, int lineNo) {
        Lexer lx = new Lexer(raw, lineNo);
        if (lx.blank()) {
            return;
        }
        String indent = lx.indent();
        if (signature == null) {
            if (!indent.isEmpty()) {
                throw error(lineNo, 1, "unexpected indentation before 'def'");
            }
            definition(lx);
            return;
        }
        if (returnLine != 0) {
            throw error(lineNo, indent.length() + 1, "nothing may follow the 'return' line (line " + returnLine + ")");
        }
        if (indent.isEmpty()) {
            throw error(lineNo, 1, "expected an indented statement in the body of '" + signature.name() + "'");
        }
        if (bodyIndent == null) {
            bodyIndent = indent;
        } else if (!bodyIndent.equals(indent)) {
            throw error(lineNo, 1, "inconsistent indentation: the body's first line is indented by "
                    + describe(bodyIndent) + ", this one by " + describe(indent));
        }
        Lexer.Token first = lx.next();
        if (first.isName("return")) {
            returnStatement(lx, lineNo);
        } else if (first.isName("def")) {
            throw error(first, "nested definitions are not supported");
        } else {
            assignment(lx, first);
        }
    }

    private void definition(Lexer lx) {
        Lexer.Token def = lx.next();
        if (!def.isName("def")) {
            throw error(def, "expected 'def train(w, g, ..., lr):', found " + def.describe());
        }
        Lexer.Token name = expectName(lx.next(), "a function name after 'def'");
        expect(lx.next(), "(");
        List<String> inputs = new ArrayList<>();
        List<StepInput> stepInputs = new ArrayList<>();
        List<SourceMap.Position> stepPositions = new ArrayList<>();
        List<Hyperparameter> hyper = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Lexer.Token t = lx.next();
        while (!t.is(")")) {
            Lexer.Token param = expectName(t, "a parameter name");
            if (!seen.add(param.text())) {
                throw error(param, "duplicate parameter '" + param.text() + "'");
            }
            StepInput stepInput = StepInput.byName(param.text());
            t = lx.next();
            if (t.is("=")) {
                if (stepInput != null) {
                    throw error(param, "'" + param.text() + "' is a step input, not a hyperparameter: write it "
                            + "without a default, right after the learning rate (def train(w, g, ..., lr, step, total_steps, ...))");
                }
                double value = signedNumber(lx, lx.next(), "a default value for '" + param.text() + "'");
                hyper.add(new Hyperparameter(param.text(), value));
                t = lx.next();
            } else if (!hyper.isEmpty()) {
                throw error(param, "parameter '" + param.text()
                        + "' has no default but follows a hyperparameter; put w, g, state slots and lr first");
            } else if (stepInput != null) {
                stepInput(param, stepInput, inputs, stepInputs);
                stepInputs.add(stepInput);
                stepPositions.add(param.position());
            } else if (!stepInputs.isEmpty()) {
                StepInput meant = StepInput.misspelled(param.text());
                throw error(param, meant != null ? "unknown step input '" + Diagnostic.shorten(param.text())
                        + "'; did you mean '" + meant.spelling() + "'?"
                        : "input '" + param.text() + "' follows the step input '" + stepInputs.get(0).spelling()
                        + "'; the step inputs come last, right after the learning rate: def train(w, g, <state slots...>, lr, step, total_steps, ...)");
            } else {
                inputs.add(param.text());
                inputPositions.add(param.position());
            }
            if (t.is(",")) {
                t = lx.next();
            } else if (!t.is(")")) {
                throw error(t, "expected ',' or ')' in the parameter list, found " + t.describe());
            }
        }
        expect(lx.next(), ":");
        expectEnd(lx.next());
        if (inputs.size() < 3) {
            throw error(name, "the signature needs at least 3 inputs (w, g, [state slots...,] lr)"
                    + (stepInputs.isEmpty() ? "" : " before the step inputs") + ", found " + inputs.size());
        }
        String last = inputs.get(inputs.size() - 1);
        StepInput misspelled = StepInput.misspelled(last);
        if (misspelled != null) {
            throw error(inputPositions.get(inputs.size() - 1), "input '" + Diagnostic.shorten(last)
                    + "' stands where the learning rate goes; did you mean the step input '" + misspelled.spelling()
                    + "'? Step inputs have exactly the names 'step' and 'total_steps' and follow lr");
        }
        inputPositions.addAll(stepPositions);
        signature = new Signature(name.text(), inputs, stepInputs, hyper);
    }

    /** Checks the order of a step input: after lr, step before total_steps. */
    private static void stepInput(Lexer.Token param, StepInput input, List<String> inputs, List<StepInput> before) {
        if (!before.isEmpty() && before.get(before.size() - 1).ordinal() > input.ordinal()) {
            throw error(param, "'step' must come before 'total_steps': def train(w, g, ..., lr, step, total_steps, ...)");
        }
        if (inputs.size() < 3) {
            throw error(param, "the step input '" + input.spelling() + "' must follow the learning rate: "
                    + "def train(w, g, <state slots...>, lr, " + input.spelling() + ", ...)");
        }
    }

    private void assignment(Lexer lx, Lexer.Token first) {
        Lexer.Token target = expectName(first, "a statement 'name = expression' or 'return ...'");
        if (target.isName("def")) {
            throw error(target, "'def' is reserved");
        }
        expect(lx.next(), "=");
        List<SourceMap.Position> positions = new ArrayList<>();
        positions.add(target.position());
        Lexer.Token t = lx.next();
        Statement statement;
        if (t.kind() == Lexer.Kind.NAME && lx.peek().is("(")) {
            statement = call(lx, target.text(), t, positions);
        } else if (t.is("-") && lx.peek().kind() == Lexer.Kind.NAME) {
            Lexer.Token operand = lx.next();
            if (lx.peek().is("(")) {
                throw error(operand, "a call cannot be negated in place: one operation per statement; "
                        + "assign " + operand.text() + "(...) to a variable first");
            }
            positions.add(operand.position());
            statement = Statement.of(target.text(), Op.NEGATIVE, Operand.var(operand.text()));
            expectEndOfStatement(lx.next());
        } else {
            positions.add(t.position());
            Operand left = operand(lx, t);
            Lexer.Token op = lx.next();
            if (op.kind() == Lexer.Kind.END) {
                statement = Statement.of(target.text(), Op.COPY, left);
            } else {
                Op binary = switch (op.text()) {
                    case "+" -> Op.ADD;
                    case "-" -> Op.SUB;
                    case "*" -> Op.MUL;
                    case "/" -> Op.DIV;
                    default -> throw error(op, "expected an operator (+ - * /) or the end of the line, found "
                            + op.describe());
                };
                Lexer.Token right = lx.next();
                positions.add(right.position());
                statement = Statement.of(target.text(), binary, left, operand(lx, right));
                expectEndOfStatement(lx.next());
            }
        }
        statements.add(statement);
        statementPositions.add(positions);
    }

    private Statement call(Lexer lx, String target, Lexer.Token fn, List<SourceMap.Position> positions) {
        Op op = Op.byName(fn.text());
        if (op == null) {
            String suggestion = Op.suggest(fn.text());
            throw error(fn, "unknown function '" + Diagnostic.shorten(fn.text()) + "'"
                    + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "; see docs/language.md for the list"));
        }
        lx.next(); // the "("
        List<Operand> args = new ArrayList<>();
        Lexer.Token t = lx.next();
        while (!t.is(")")) {
            positions.add(t.position());
            args.add(operand(lx, t));
            t = lx.next();
            if (t.is(",")) {
                t = lx.next();
                if (t.is(")")) {
                    throw error(t, "expected an argument after ','");
                }
            } else if (!t.is(")")) {
                throw error(t, "expected ',' or ')' in the arguments of " + fn.text() + ", found " + t.describe()
                        + (isOperator(t) ? " (one operation per statement: assign the expression to a variable first)" : ""));
            }
        }
        if (args.size() != op.arity()) {
            throw error(fn, fn.text() + " takes " + op.arity() + " argument" + (op.arity() == 1 ? "" : "s")
                    + ", got " + args.size());
        }
        expectEndOfStatement(lx.next());
        return new Statement(target, op, args);
    }

    /** A variable name or a (signed) number. */
    private Operand operand(Lexer lx, Lexer.Token t) {
        if (t.kind() == Lexer.Kind.NAME) {
            if (lx.peek().is("(")) {
                throw error(t, "nested calls are not supported: one operation per statement; assign "
                        + t.text() + "(...) to a variable first");
            }
            return Operand.var(t.text());
        }
        if (t.is("-") && lx.peek().kind() == Lexer.Kind.NAME) {
            throw error(t, "negation inside an expression is not supported: one operation per statement; "
                    + "assign -" + lx.peek().text() + " to a variable first");
        }
        return Operand.constant(signedNumber(lx, t, "a variable or a number"));
    }

    private double signedNumber(Lexer lx, Lexer.Token t, String what) {
        boolean negative = false;
        if (t.is("-") || t.is("+")) {
            negative = t.is("-");
            t = lx.next();
        }
        if (t.kind() != Lexer.Kind.NUMBER) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        double value;
        try {
            value = Double.parseDouble(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "malformed number '" + t.text() + "'");
        }
        if (Double.isInfinite(value)) {
            throw error(t, "number '" + t.text() + "' is out of range: literals must be finite");
        }
        return negative ? -value : value;
    }

    private void returnStatement(Lexer lx, int lineNo) {
        Lexer.Token t = lx.next();
        if (t.kind() == Lexer.Kind.END) {
            throw error(t, "'return' needs the update and the new state: 'return update, <state slots...>'");
        }
        while (true) {
            Lexer.Token name = expectName(t, "a variable name in 'return'");
            if (lx.peek().is("=")) {
                namedReturn(lx, name);
                break;
            }
            if (lx.peek().is("(") || isOperator(lx.peek())) {
                throw error(lx.peek(), "'return' takes variable names only; assign the expression to a variable first");
            }
            returns.add(name.text());
            returnPositions.add(name.position());
            t = lx.next();
            if (t.kind() == Lexer.Kind.END) {
                break;
            }
            expect(t, ",");
            t = lx.next();
        }
        returnLine = lineNo;
    }

    /** {@code readout=NAME}, the last item of a return line. */
    private void namedReturn(Lexer lx, Lexer.Token key) {
        if (!key.isName(READOUT)) {
            throw error(key, "'return' names only the readout ('readout=x', the weights to evaluate), found '"
                    + Diagnostic.shorten(key.text()) + "='" + (Op.closest(key.text(), List.of(READOUT)) != null
                    ? "; did you mean 'readout'?" : ""));
        }
        if (returns.isEmpty()) {
            throw error(key, "'readout=' comes after the update and the new state: 'return update, <state slots...>, readout=x'");
        }
        lx.next(); // the "="
        Lexer.Token name = expectName(lx.next(), "a variable name after 'readout='");
        if (lx.peek().is("(") || isOperator(lx.peek())) {
            throw error(lx.peek(), "'readout=' takes a variable name only; assign the expression to a variable first");
        }
        readout = name.text();
        returnPositions.add(name.position());
        Lexer.Token end = lx.next();
        if (end.kind() != Lexer.Kind.END) {
            throw error(end, "'readout=x' must be the last item of 'return', found " + end.describe());
        }
    }

    private static boolean isOperator(Lexer.Token t) {
        return t.is("+") || t.is("-") || t.is("*") || t.is("/");
    }

    private static Lexer.Token expectName(Lexer.Token t, String what) {
        if (t.kind() != Lexer.Kind.NAME) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t;
    }

    private static void expect(Lexer.Token t, String symbol) {
        if (!t.is(symbol)) {
            throw error(t, "expected '" + symbol + "', found " + t.describe());
        }
    }

    private static void expectEnd(Lexer.Token t) {
        if (t.kind() != Lexer.Kind.END) {
            throw error(t, "expected the end of the line, found " + t.describe());
        }
    }

    private static void expectEndOfStatement(Lexer.Token t) {
        if (t.kind() != Lexer.Kind.END) {
            throw error(t, "expected the end of the statement, found " + t.describe()
                    + " (one operation per statement: split it into several assignments)");
        }
    }

    private static String describe(String indent) {
        long tabs = indent.chars().filter(c -> c == '\t').count();
        long spaces = indent.length() - tabs;
        return tabs == 0 ? spaces + " space" + (spaces == 1 ? "" : "s")
                : spaces == 0 ? tabs + " tab" + (tabs == 1 ? "" : "s") : spaces + " spaces and " + tabs + " tabs";
    }

    static ProgramException error(Lexer.Token t, String message) {
        return error(t.line(), t.column(), message);
    }

    static ProgramException error(SourceMap.Position at, String message) {
        return error(at.line(), at.column(), message);
    }

    static ProgramException error(int line, int column, String message) {
        return new ProgramException(Diagnostic.error(new SourceMap.Position(line, column), message));
    }
}
