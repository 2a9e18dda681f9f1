package org.optsearch.lang;

import java.util.List;

/** One assignment {@code target = op(args...)}: a program is a straight line of these. */
public record Statement(String target, Op op, List<Operand> args) {

    public Statement {
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("statement target must not be empty");
        }
        args = List.copyOf(args);
        if (args.size() != op.arity()) {
            throw new IllegalArgumentException(
                    op.spelling() + " takes " + op.arity() + " argument(s), got " + args.size());
        }
    }

    public static Statement of(String target, Op op, Operand... args) {
        return new Statement(target, op, List.of(args));
    }

    /** A copy with argument {@code index} replaced. */
    public Statement withArg(int index, Operand arg) {
        Operand[] copy = args.toArray(new Operand[0]);
        copy[index] = arg;
        return new Statement(target, op, List.of(copy));
    }

    @Override
    public String toString() {
        return Printer.statement(this);
    }
}
