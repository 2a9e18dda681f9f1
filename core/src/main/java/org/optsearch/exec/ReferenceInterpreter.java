package org.optsearch.exec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.lang.Op;
import org.optsearch.lang.Operand;
import org.optsearch.lang.Program;
import org.optsearch.lang.Signature;
import org.optsearch.lang.Statement;
import org.optsearch.lang.StepInput;

/**
 * Executes a program the plain way: statement by statement, in order, every array value a fresh
 * {@code float[]}, every element computed by {@link Semantics}, sums in double. Slow on purpose;
 * the fused executor is checked against it.
 */
final class ReferenceInterpreter implements Executor {
    private final Program program;
    private final ParamLayout layout;
    private final NewtonSchulz newtonSchulz = new NewtonSchulz();

    /** A value: an array over the parameter set, or (when {@code array} is null) a scalar. */
    private record Value(float scalar, float[] array) {
        float at(int i) {
            return array == null ? scalar : array[i];
        }
    }

    ReferenceInterpreter(Program program, ParamLayout layout) {
        this.program = program;
        this.layout = layout;
    }

    @Override
    public ParamLayout layout() {
        return layout;
    }

    @Override
    public int slotCount() {
        return program.slotCount() + (program.hasReadout() ? 1 : 0);
    }

    @Override
    public StepReport step(float[] w, float[] g, float[][] state, StepValues values) {
        Checks.buffers(layout, slotCount(), w, g, state);
        values.requireFor(program);
        Map<String, Value> env = new HashMap<>();
        Signature sig = program.signature();
        List<String> inputs = sig.inputs();
        env.put(inputs.get(0), new Value(0, w.clone()));
        env.put(inputs.get(1), new Value(0, g));
        for (int s = 0; s < sig.slotCount(); s++) {
            env.put(inputs.get(2 + s), new Value(0, state[s]));
        }
        env.put(sig.learningRate(), new Value(values.lr(), null));
        for (StepInput in : sig.stepInputs()) {
            env.put(in.spelling(), new Value(values.value(in), null));
        }
        program.hyperparameters().forEach((name, value) -> env.put(name, new Value(value.floatValue(), null)));
        for (Statement s : program.statements()) {
            env.put(s.target(), evaluate(s, env));
        }
        List<String> returns = program.returns();
        Value update = env.get(returns.get(0));
        Value[] newState = new Value[slotCount()];
        for (int s = 0; s < newState.length; s++) {
            newState[s] = env.get(s < sig.slotCount() ? returns.get(s + 1) : program.readout());
            for (float[] buffer : state) {
                if (newState[s].array() == buffer) { // e.g. 'return update, v, m': read before any slot is written
                    newState[s] = new Value(0, buffer.clone());
                }
            }
        }
        long nonFinite = 0;
        int n = layout.size();
        for (int i = 0; i < n; i++) {
            w[i] = w[i] - update.at(i);
            nonFinite += Float.isFinite(w[i]) ? 0 : 1;
        }
        for (int s = 0; s < newState.length; s++) {
            float[] target = state[s];
            Value v = newState[s];
            for (int i = 0; i < n; i++) {
                target[i] = v.at(i);
                nonFinite += Float.isFinite(target[i]) ? 0 : 1;
            }
        }
        return nonFinite == 0 ? StepReport.CLEAN : new StepReport(nonFinite);
    }

    private Value evaluate(Statement s, Map<String, Value> env) {
        Value[] args = new Value[s.args().size()];
        for (int i = 0; i < args.length; i++) {
            Operand a = s.args().get(i);
            args[i] = a instanceof Operand.Const c ? new Value((float) c.value(), null)
                    : env.get(((Operand.Var) a).name());
        }
        if (s.op().reduces() && Arrays.stream(args).allMatch(a -> a.array() == null)) {
            return new Value(ScalarReductions.apply(s.op(), args[0].scalar(), args.length > 1 ? args[1].scalar() : 0), null);
        }
        return switch (s.op()) {
            case NORM -> norm(args[0]);
            case RMS, MEAN, SHAPE_FACTOR -> perTensor(s.op(), args[0]);
            case ORTHOGONALIZE -> orthogonalize(args[0]);
            case GLOBAL_NORM -> new Value((float) Math.sqrt(sumOfProducts(args[0], args[0])), null);
            case DOT -> new Value((float) sumOfProducts(args[0], args[1]), null);
            case COSINE_SIM -> new Value((float) Semantics.cosine(sumOfProducts(args[0], args[1]),
                    Math.sqrt(sumOfProducts(args[0], args[0])), Math.sqrt(sumOfProducts(args[1], args[1]))), null);
            case CLIP_BY_GLOBAL_NORM -> clipByGlobalNorm(args[0], args[1].scalar());
            default -> elementwise(s.op(), args);
        };
    }

    private Value elementwise(Op op, Value[] args) {
        Value x = args.length > 0 ? args[0] : new Value(0, null);
        Value y = args.length > 1 ? args[1] : new Value(0, null);
        Value z = args.length > 2 ? args[2] : new Value(0, null);
        if (x.array() == null && y.array() == null && z.array() == null) {
            return new Value(Semantics.apply(op, x.scalar(), y.scalar(), z.scalar()), null);
        }
        float[] out = new float[layout.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Semantics.apply(op, x.at(i), y.at(i), z.at(i));
        }
        return new Value(0, out);
    }

    /** The L2 norm of each tensor, broadcast over it. */
    private Value norm(Value x) {
        float[] out = new float[layout.size()];
        for (ParamLayout.Segment seg : layout.segments()) {
            double sum = 0;
            for (int i = seg.offset(); i < seg.end(); i++) {
                sum += (double) x.array()[i] * x.array()[i];
            }
            float norm = (float) Math.sqrt(sum);
            for (int i = seg.offset(); i < seg.end(); i++) {
                out[i] = norm;
            }
        }
        return new Value(0, out);
    }

    /** rms, mean or shape_factor of each tensor, broadcast over it; sums in double. */
    private Value perTensor(Op op, Value x) {
        float[] out = new float[layout.size()];
        for (ParamLayout.Segment seg : layout.segments()) {
            double sum = 0;
            for (int i = seg.offset(); i < seg.end(); i++) {
                double v = x.array()[i];
                sum += op == Op.RMS ? v * v : v;
            }
            float value = (float) switch (op) {
                case RMS -> Math.sqrt(sum / seg.length());
                case MEAN -> sum / seg.length();
                default -> Semantics.shapeFactor(seg);
            };
            Arrays.fill(out, seg.offset(), seg.end(), value);
        }
        return new Value(0, out);
    }

    /** Newton-Schulz of each tensor as a matrix ({@link NewtonSchulz}). */
    private Value orthogonalize(Value x) {
        float[] out = new float[layout.size()];
        for (ParamLayout.Segment seg : layout.segments()) {
            newtonSchulz.apply(x.array(), seg.offset(), seg.rows(), seg.columns(), out, seg.offset());
        }
        return new Value(0, out);
    }

    /** Sum of x*y over the parameter set; a scalar is broadcast. */
    private double sumOfProducts(Value x, Value y) {
        double sum = 0;
        for (int i = 0; i < layout.size(); i++) {
            sum += (double) x.at(i) * y.at(i);
        }
        return sum;
    }

    private Value clipByGlobalNorm(Value x, float bound) {
        float factor = (float) Semantics.clipFactor(Math.sqrt(sumOfProducts(x, x)), bound);
        float[] out = new float[layout.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = x.array()[i] * factor;
        }
        return new Value(0, out);
    }
}
