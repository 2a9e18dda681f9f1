package org.optsearch.optim.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.Statement;

/**
 * The {@link PyKind} of every argument and result of a valid program, and which returned arrays are
 * freshly allocated (so that the exporters know when a new state value must be copied before it is
 * stored: an input such as the gradient may be overwritten by the caller after the step).
 */
final class Kinds {
    /** A variable's kind and whether its value is a new, full-size tensor made by this step. */
    private record Value(PyKind kind, boolean fresh) {
    }

    private final List<List<PyKind>> argKinds = new ArrayList<>();
    private final List<PyKind> resultKinds = new ArrayList<>();
    private final List<Value> returned = new ArrayList<>();
    private boolean global;

    private Kinds(Program program) {
        Signature sig = program.signature();
        Map<String, Value> env = new HashMap<>();
        List<String> inputs = sig.inputs();
        for (int i = 0; i < inputs.size() - 1; i++) {
            env.put(inputs.get(i), new Value(PyKind.ARRAY, false)); // w, g and the slots are the caller's tensors
        }
        env.put(sig.learningRate(), new Value(PyKind.NUMBER, false));
        sig.stepInputs().forEach(in -> env.put(in.spelling(), new Value(PyKind.NUMBER, false)));
        program.hyperparameters().keySet().forEach(h -> env.put(h, new Value(PyKind.NUMBER, false)));
        for (Statement s : program.statements()) {
            List<Value> args = new ArrayList<>();
            for (Operand a : s.args()) {
                args.add(a instanceof Operand.Var v ? env.get(v.name()) : new Value(PyKind.NUMBER, false));
            }
            argKinds.add(args.stream().map(Value::kind).toList());
            Value result = result(s.op(), args);
            resultKinds.add(result.kind());
            env.put(s.target(), result);
        }
        for (String r : program.returns()) {
            returned.add(env.get(r));
        }
        if (program.hasReadout()) {
            returned.add(env.get(program.readout())); // index returns().size()
        }
    }

    /** The kinds of a program that {@code Analysis} found valid (every name is defined where it is read). */
    static Kinds of(Program program) {
        return new Kinds(program);
    }

    private Value result(Op op, List<Value> args) {
        PyKind widest = PyKind.NUMBER;
        for (Value a : args) {
            widest = PyKind.max(widest, a.kind());
        }
        boolean anyArray = widest == PyKind.ARRAY;
        return switch (op) {
            case COPY -> args.get(0);
            // A per-tensor norm is one number broadcast over the tensor: a view, not a new tensor.
            case NORM, MEAN, RMS, SHAPE_FACTOR -> new Value(widest, false);
            case GLOBAL_NORM, DOT, COSINE_SIM -> {
                global |= anyArray;
                yield new Value(anyArray ? PyKind.SCALAR_TENSOR : widest, false);
            }
            case CLIP_BY_GLOBAL_NORM -> {
                global |= anyArray;
                yield new Value(widest, anyArray);
            }
            default -> new Value(widest, anyArray);
        };
    }

    /** The kind of argument {@code arg} of statement {@code statement}. */
    PyKind arg(int statement, int arg) {
        return argKinds.get(statement).get(arg);
    }

    PyKind result(int statement) {
        return resultKinds.get(statement);
    }

    /**
     * The kind of returned value {@code index}: 0 is the update, then the new value of each slot, then the
     * readout (if any).
     */
    PyKind returned(int index) {
        return returned.get(index).kind();
    }

    /** Whether returned value {@code index} is a tensor that this step allocated (not an input, not a view). */
    boolean returnedFresh(int index) {
        return returned.get(index).fresh();
    }

    /**
     * Whether some statement reduces over all parameters ({@code global_norm}, {@code dot},
     * {@code cosine_sim}, {@code clip_by_global_norm} of an array): then no parameter's step can be
     * computed before every parameter has reached that statement.
     */
    boolean needsAllParameters() {
        return global;
    }
}
