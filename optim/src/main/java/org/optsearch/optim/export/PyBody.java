package org.optsearch.optim.export;

import java.util.ArrayList;
import java.util.List;
import org.optsearch.lang.Numbers;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Statement;

/**
 * The statements of a program as Python lines, in program order, one line each (preceded by the
 * statement as the program writes it, when the Python reads differently). Two forms:
 *
 * <ul>
 *   <li><b>per parameter</b>: every array is one tensor, the parameter's; the lines run once per
 *       parameter, like the loop body of {@code torch.optim.SGD};
 *   <li><b>lists</b>: every array is a list with one tensor per parameter, and an elementwise statement
 *       is a list comprehension over them. A program that reduces over all parameters needs this form:
 *       a statement after {@code global_norm(x)} can only run once x is known for every parameter.
 * </ul>
 */
final class PyBody {
    private final Program program;
    private final Kinds kinds;
    private final PyNames names;
    private final PyExpressions expressions;
    private final String params;

    /**
     * @param params the Python name of the list of parameters in list form (the index runs over it), or
     *               null for the per-parameter form
     */
    PyBody(Program program, Kinds kinds, PyNames names, PyExpressions expressions, String params) {
        if (params == null && kinds.needsAllParameters()) {
            throw new IllegalArgumentException("a program that reduces over all parameters needs the list form");
        }
        this.program = program;
        this.kinds = kinds;
        this.names = names;
        this.expressions = expressions;
        this.params = params;
    }

    /** Whether arrays are lists of tensors. */
    boolean listForm() {
        return params != null;
    }

    /** The lines of every statement, without indentation. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        List<Statement> statements = program.statements();
        for (int k = 0; k < statements.size(); k++) {
            Statement s = statements.get(k);
            String code = names.of(s.target()) + " = " + rhs(k, s);
            String original = s.toString();
            if (!code.equals(original)) {
                lines.add("# " + original);
            }
            lines.add(code);
        }
        return lines;
    }

    private String rhs(int k, Statement s) {
        PyKind result = kinds.result(k);
        Op op = s.op();
        boolean anyArray = false;
        for (int j = 0; j < s.args().size(); j++) {
            anyArray |= kinds.arg(k, j) == PyKind.ARRAY;
        }
        boolean overAll = anyArray && (op.shape() == Op.Shape.REDUCE_ALL || op.shape() == Op.Shape.SCALE_ALL);
        if (overAll) {
            return expressions.overAllParameters(op, args(k, s, false), params);
        }
        if (result == PyKind.ARRAY && listForm()) {
            return "[" + expressions.apply(op, args(k, s, true), result) + " for i in range(len(" + params + "))]";
        }
        return expressions.apply(op, args(k, s, false), result);
    }

    /** @param element whether array arguments stand for their element {@code x[i]} (list form) */
    private List<PyExpressions.Arg> args(int k, Statement s, boolean element) {
        List<PyExpressions.Arg> args = new ArrayList<>();
        for (int j = 0; j < s.args().size(); j++) {
            Operand a = s.args().get(j);
            PyKind kind = kinds.arg(k, j);
            String text = a instanceof Operand.Var v ? names.of(v.name()) : literal(((Operand.Const) a).value());
            if (element && kind == PyKind.ARRAY) {
                text = text + "[i]";
            }
            args.add(new PyExpressions.Arg(text, kind));
        }
        return args;
    }

    /** A literal as the program prints it ({@code 0.9}, {@code 1e-08}), in parentheses when negative. */
    static String literal(double value) {
        String text = Numbers.format(value);
        return text.startsWith("-") ? "(" + text + ")" : text;
    }
}
