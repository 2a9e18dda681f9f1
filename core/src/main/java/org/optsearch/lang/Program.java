package org.optsearch.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer update rule: a signature, a straight line of statements, and the returned names
 * ({@code update} first, then the new state in signature order). Immutable; every change returns a
 * new program.
 *
 * <p>Equality and {@link #hashCode()} ignore the {@link SourceMap}: two programs are equal when they
 * print the same. For "computes the same function", use {@link Analysis#hash()}.
 */
public record Program(Signature signature, List<Statement> statements, List<String> returns, String readout,
                      SourceMap source) {

    public Program {
        Objects.requireNonNull(signature, "signature");
        statements = List.copyOf(statements);
        returns = List.copyOf(returns);
        source = source == null ? SourceMap.NONE : source;
    }

    public Program(Signature signature, List<Statement> statements, List<String> returns, SourceMap source) {
        this(signature, statements, returns, null, source);
    }

    public Program(Signature signature, List<Statement> statements, List<String> returns) {
        this(signature, statements, returns, null, SourceMap.NONE);
    }

    /** Whether the program names the weights to evaluate ({@code return ..., readout=x}). */
    public boolean hasReadout() {
        return readout != null;
    }

    /** The same program with this readout (null: none); the source map is dropped. */
    public Program withReadout(String name) {
        return new Program(signature, statements, returns, name, SourceMap.NONE);
    }

    /** Parses program text; throws {@link ProgramException} with the position of the first syntax error. */
    public static Program parse(String text) {
        return Parser.parse(text);
    }

    /** The canonical text: parsing it gives an equal program, and printing that gives the same text. */
    public String print() {
        return Printer.print(this);
    }

    /** The same program with new statements; the source map no longer applies and is dropped. */
    public Program withStatements(List<Statement> newStatements) {
        return new Program(signature, newStatements, returns, readout, SourceMap.NONE);
    }

    /**
     * The same program with some hyperparameter defaults replaced.
     *
     * @throws IllegalArgumentException naming an unknown hyperparameter or a non-finite value
     */
    public Program withHyperparameters(Map<String, Double> values) {
        Map<String, Double> remaining = new HashMap<>(values);
        List<Hyperparameter> updated = new ArrayList<>();
        for (Hyperparameter h : signature.hyperparameters()) {
            Double v = remaining.remove(h.name());
            updated.add(v == null ? h : new Hyperparameter(h.name(), v));
        }
        if (!remaining.isEmpty()) {
            throw new IllegalArgumentException("unknown hyperparameter(s) " + remaining.keySet()
                    + "; this program declares " + hyperparameters().keySet());
        }
        return new Program(signature.withHyperparameters(updated), statements, returns, readout, source);
    }

    /** Hyperparameter names and their current values, in declaration order. */
    public Map<String, Double> hyperparameters() {
        Map<String, Double> map = new LinkedHashMap<>();
        for (Hyperparameter h : signature.hyperparameters()) {
            map.put(h.name(), h.value());
        }
        return map;
    }

    /**
     * The same function with every hyperparameter replaced by its value as a literal, and none declared:
     * the form the search mutates.
     */
    public Program inlineHyperparameters() {
        Map<String, Double> values = hyperparameters();
        if (values.isEmpty()) {
            return this;
        }
        List<Statement> inlined = new ArrayList<>();
        Map<String, Double> live = new HashMap<>(values);
        for (Statement s : statements) {
            List<Operand> args = new ArrayList<>();
            for (Operand a : s.args()) {
                if (a instanceof Operand.Var v && live.containsKey(v.name())) {
                    args.add(new Operand.Const(live.get(v.name())));
                } else {
                    args.add(a);
                }
            }
            inlined.add(new Statement(s.target(), s.op(), args));
            live.remove(s.target()); // a reassigned hyperparameter name is an ordinary variable from here on
        }
        List<String> newReturns = new ArrayList<>(returns);
        List<Statement> tail = new ArrayList<>();
        for (int i = 0; i < newReturns.size(); i++) {
            String r = newReturns.get(i);
            if (live.containsKey(r)) {
                String fresh = freshName(r + "_value");
                tail.add(Statement.of(fresh, Op.COPY, new Operand.Const(live.get(r))));
                newReturns.set(i, fresh);
            }
        }
        String newReadout = readout;
        if (readout != null && live.containsKey(readout)) { // a scalar readout: invalid, but kept as written
            newReadout = freshName(readout + "_value");
            tail.add(Statement.of(newReadout, Op.COPY, new Operand.Const(live.get(readout))));
        }
        inlined.addAll(tail);
        Signature plain = signature.withHyperparameters(List.of());
        return new Program(plain, inlined, newReturns, newReadout, SourceMap.NONE);
    }

    /** Number of state slots. */
    public int slotCount() {
        return signature.slotCount();
    }

    /** A variable name not used anywhere in this program, based on {@code base}. */
    public String freshName(String base) {
        java.util.Set<String> used = new java.util.HashSet<>(signature.inputs());
        signature.stepInputs().forEach(s -> used.add(s.spelling()));
        signature.hyperparameters().forEach(h -> used.add(h.name()));
        statements.forEach(s -> used.add(s.target()));
        if (!used.contains(base)) {
            return base;
        }
        for (int i = 1; ; i++) {
            if (!used.contains(base + i)) {
                return base + i;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Program p && signature.equals(p.signature) && statements.equals(p.statements)
                && returns.equals(p.returns) && Objects.equals(readout, p.readout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signature, statements, returns, readout);
    }

    @Override
    public String toString() {
        return print();
    }
}
