package org.optsearch.optim.export;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.optsearch.lang.Op;

/**
 * The Python expression of one function application, for PyTorch or JAX. It records which helper
 * functions ({@link PyDialect}) and modules the expressions use, so that the module defines only those.
 */
final class PyExpressions {
    /** An argument: its Python text (a name, {@code x[i]}, a literal) and its kind. */
    record Arg(String text, PyKind kind) {
    }

    /**
     * Functions whose expression below is plain arithmetic (or {@code abs}, {@code _guard}), which Python
     * floats compute without ever raising: no need to go through tensors for them.
     */
    private static final Set<Op> PYTHON_ARITHMETIC = EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.NEGATIVE,
            Op.INVERT, Op.SQUARE, Op.CUBE, Op.INTERP, Op.COPY, Op.RECIPROCAL, Op.GET_PI, Op.GET_E, Op.GET_EPS,
            Op.NORM, Op.GLOBAL_NORM, Op.DOT, Op.COSINE_SIM, Op.MEAN, Op.RMS, Op.SHAPE_FACTOR);

    private final PyDialect dialect;
    private final Set<String> helpers = new LinkedHashSet<>();
    private boolean usesMath;

    PyExpressions(PyDialect dialect) {
        this.dialect = dialect;
    }

    /** Helper functions used so far. */
    Set<String> helpers() {
        return helpers;
    }

    /** Whether an expression used the {@code math} module ({@code math.pi}, {@code math.e}). */
    boolean usesMath() {
        return usesMath;
    }

    /** Marks a helper as used by code written elsewhere (e.g. {@code _fresh} in the epilogue). */
    String use(String helper) {
        helpers.add(helper);
        return helper;
    }

    /**
     * Any function except the reductions over all parameters of an array: elementwise functions, the
     * per-tensor norm of one array, and every function of scalars only.
     *
     * @param result the kind of the result; for {@link PyKind#NUMBER} the expression is a Python float
     */
    String apply(Op op, List<Arg> args, PyKind result) {
        if (result == PyKind.NUMBER && dialect.functionsNeedTensors() && !PYTHON_ARITHMETIC.contains(op)) {
            // torch's functions take tensors: compute on 0-d float64 tensors and hand back a Python float.
            List<Arg> tensors = args.stream()
                    .map(a -> new Arg(use("_tensor") + "(" + unparenthesized(a.text()) + ")", PyKind.SCALAR_TENSOR))
                    .toList();
            return "float(" + expression(op, tensors) + ")";
        }
        return expression(op, args);
    }

    /** A negative literal without the parentheses it wears as an operand: {@code (-8.0)} is {@code -8.0}. */
    private static String unparenthesized(String text) {
        return text.startsWith("(-") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
    }

    private String expression(Op op, List<Arg> args) {
        String a = args.isEmpty() ? null : args.get(0).text();
        String b = args.size() < 2 ? null : args.get(1).text();
        String m = dialect.module();
        String call = dialect.call(op);
        if (call != null) {
            return call + "(" + a + ")";
        }
        return switch (op) {
            case ADD -> a + " + " + b;
            case SUB -> a + " - " + b;
            case MUL -> a + " * " + b;
            case DIV -> a + " / " + use("_guard") + "(" + b + ")";
            case RECIPROCAL -> "1 / " + use("_guard") + "(" + a + ")";
            case NEGATIVE -> "-" + a;
            case INVERT -> "1 - " + a;
            case SQUARE -> a + " * " + a;
            case CUBE -> a + " * " + a + " * " + a;
            case COPY -> a;
            case INTERP -> "(1 - " + args.get(2).text() + ") * " + a + " + " + args.get(2).text() + " * " + b;
            case GET_PI -> constant("pi");
            case GET_E -> constant("e");
            case GET_EPS -> "1e-8";
            case MAX, MIN -> minMax(op, args);
            case LOG -> m + ".log(" + m + ".abs(" + a + "))";
            case LOG10 -> m + ".log10(" + m + ".abs(" + a + "))";
            case LOG2 -> m + ".log2(" + m + ".abs(" + a + "))";
            case SQRT -> m + ".sqrt(" + m + ".abs(" + a + "))";
            case EXP10 -> m + "." + (dialect == PyDialect.TORCH ? "pow" : "power") + "(10.0, " + a + ")";
            case LOG1P -> use("_log1p") + "(" + a + ")";
            case SIGN -> use("_sign") + "(" + a + ")";
            case CBRT -> use("_cbrt") + "(" + a + ")";
            case POWER -> use("_power") + "(" + a + ", " + b + ")";
            case CLIP -> use("_clip") + "(" + a + ", " + b + ")";
            // Of an array: one value per tensor, broadcast over it, so arrays always have the parameter's shape.
            case NORM, GLOBAL_NORM -> args.get(0).kind() == PyKind.ARRAY ? tensorNorm(a) : "abs(" + a + ")";
            // Of scalars only (docs/language.md): what ScalarReductions computes.
            case DOT -> a + " * " + b;
            case COSINE_SIM -> a + " * " + b + " / " + use("_guard") + "(abs(" + a + ") * abs(" + b + "))";
            case CLIP_BY_GLOBAL_NORM -> a + " * " + use("_clip_factor") + "(abs(" + a + "), " + b + ")";
            // Per tensor, broadcast over it; of a scalar: x, |x| and 1 (docs/language.md).
            case MEAN -> args.get(0).kind() == PyKind.ARRAY ? perTensor(m + ".mean(" + a + ")", a) : a;
            case RMS -> args.get(0).kind() == PyKind.ARRAY
                    ? perTensor(m + ".sqrt(" + m + ".mean(" + a + " * " + a + "))", a) : "abs(" + a + ")";
            case SHAPE_FACTOR -> args.get(0).kind() == PyKind.ARRAY
                    ? m + ".full_like(" + a + ", " + use("_shape_factor") + "(" + a + "))" : "1.0";
            case ORTHOGONALIZE -> use("_orthogonalize") + "(" + a + ")";
            default -> throw new IllegalStateException("no Python for " + op);
        };
    }

    private String constant(String name) {
        if (dialect == PyDialect.TORCH) {
            usesMath = true;
            return "math." + name;
        }
        return "jnp." + name;
    }

    /** torch.maximum takes two tensors: a Python float next to a tensor becomes a tensor like it. */
    private String minMax(Op op, List<Arg> args) {
        String function = dialect.module() + "." + (op == Op.MAX ? "maximum" : "minimum");
        Arg x = args.get(0);
        Arg y = args.get(1);
        if (dialect == PyDialect.TORCH && (x.kind() == PyKind.NUMBER) != (y.kind() == PyKind.NUMBER)) {
            Arg tensor = x.kind() == PyKind.NUMBER ? y : x;
            String like = use("_like");
            String xs = x.kind() == PyKind.NUMBER ? like + "(" + x.text() + ", " + tensor.text() + ")" : x.text();
            String ys = y.kind() == PyKind.NUMBER ? like + "(" + y.text() + ", " + tensor.text() + ")" : y.text();
            return function + "(" + xs + ", " + ys + ")";
        }
        return function + "(" + x.text() + ", " + y.text() + ")";
    }

    /** One value per tensor, broadcast over tensor {@code x}. */
    private String perTensor(String value, String x) {
        return dialect == PyDialect.TORCH
                ? value + ".expand_as(" + x + ")"
                : "jnp.broadcast_to(" + value + ", jnp.shape(" + x + "))";
    }

    private String tensorNorm(String x) {
        return dialect == PyDialect.TORCH
                ? "torch.linalg.vector_norm(" + x + ").expand_as(" + x + ")"
                : "jnp.broadcast_to(jnp.linalg.norm(" + x + "), jnp.shape(" + x + "))";
    }

    /**
     * A reduction over all parameters with an array argument ({@code global_norm}, {@code dot},
     * {@code cosine_sim}, {@code clip_by_global_norm}): the array arguments are whole lists.
     *
     * @param params the list of parameters, for their shapes
     */
    String overAllParameters(Op op, List<Arg> args, String params) {
        String a = args.get(0).text();
        String b = args.size() < 2 ? null : args.get(1).text();
        return switch (op) {
            case GLOBAL_NORM -> dialect.module() + ".sqrt(" + use("_dot") + "(" + a + ", " + a + ", " + params + "))";
            case DOT -> use("_dot") + "(" + a + ", " + b + ", " + params + ")";
            case COSINE_SIM -> use("_cosine_sim") + "(" + a + ", " + b + ", " + params + ")";
            case CLIP_BY_GLOBAL_NORM -> use("_clip_by_global_norm") + "(" + a + ", " + b + ", " + params + ")";
            default -> throw new IllegalArgumentException(op + " is not a reduction over all parameters");
        };
    }
}
