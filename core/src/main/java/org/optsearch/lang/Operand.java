package org.optsearch.lang;

/** An argument of a statement: a variable or a numeric constant. */
public sealed interface Operand permits Operand.Var, Operand.Const {

    /** A reference to a variable (an input, a hyperparameter or an earlier assignment). */
    record Var(String name) implements Operand {
        public Var {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("variable name must not be empty");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A finite numeric literal. */
    record Const(double value) implements Operand {
        public Const {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant must be finite, got " + value);
            }
        }

        @Override
        public String toString() {
            return Numbers.format(value);
        }
    }

    static Operand var(String name) {
        return new Var(name);
    }

    static Operand constant(double value) {
        return new Const(value);
    }
}
