package org.optsearch.lang;

import java.util.List;

/**
 * Where the parts of a parsed program stand in its text (1-based lines and columns), so that errors
 * found after parsing still point at the source. Programs built in code have {@link #NONE}.
 *
 * @param statements for each statement: the position of its target, then of each argument
 * @param returns    the position of each returned name, then of the readout's name when there is one
 * @param inputs     the position of each positional input of the signature
 */
public record SourceMap(List<List<Position>> statements, List<Position> returns, List<Position> inputs) {

    public static final SourceMap NONE = new SourceMap(List.of(), List.of(), List.of());

    public SourceMap {
        statements = statements.stream().map(List::copyOf).toList();
        returns = List.copyOf(returns);
        inputs = List.copyOf(inputs);
    }

    /** A line and column in program text, both from 1. */
    public record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    public Position statement(int index) {
        return index < statements.size() ? statements.get(index).get(0) : null;
    }

    public Position argument(int statement, int arg) {
        return statement < statements.size() ? statements.get(statement).get(arg + 1) : null;
    }

    public Position returned(int index) {
        return index < returns.size() ? returns.get(index) : null;
    }

    public Position input(int index) {
        return index < inputs.size() ? inputs.get(index) : null;
    }
}
