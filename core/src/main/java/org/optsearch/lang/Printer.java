package org.optsearch.lang;

import java.util.List;
import java.util.stream.Collectors;

/** The canonical text of a program: two-space indentation, one statement a line, no comments. */
final class Printer {
    private Printer() {
    }

    static String print(Program p) {
        StringBuilder out = new StringBuilder();
        Signature s = p.signature();
        out.append("def ").append(s.name()).append('(').append(String.join(", ", s.inputs()));
        for (StepInput in : s.stepInputs()) {
            out.append(", ").append(in.spelling());
        }
        for (Hyperparameter h : s.hyperparameters()) {
            out.append(", ").append(h.name()).append('=').append(Numbers.format(h.value()));
        }
        out.append("):\n");
        for (Statement st : p.statements()) {
            out.append("  ").append(statement(st)).append('\n');
        }
        out.append("  return ").append(String.join(", ", p.returns()));
        if (p.hasReadout()) {
            out.append(", ").append(Parser.READOUT).append('=').append(p.readout());
        }
        out.append('\n');
        return out.toString();
    }

    static String statement(Statement s) {
        List<Operand> a = s.args();
        String rhs;
        if (s.op() == Op.COPY) {
            rhs = a.get(0).toString();
        } else if (s.op() == Op.NEGATIVE && a.get(0) instanceof Operand.Var v) {
            rhs = "-" + v.name();
        } else if (s.op().infix()) {
            rhs = a.get(0) + " " + s.op().spelling() + " " + a.get(1);
        } else {
            rhs = s.op().spelling() + "(" + a.stream().map(Operand::toString).collect(Collectors.joining(", ")) + ")";
        }
        return s.target() + " = " + rhs;
    }
}
