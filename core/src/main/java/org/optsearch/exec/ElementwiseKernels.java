package org.optsearch.exec;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.optsearch.lang.Op;

/**
 * A vectorized block loop for every elementwise function of {@link VectorOps}, made from one template
 * per arity.
 *
 * <p>Why templates: the Vector API compiles to SIMD instructions only when the JIT sees the operation
 * as a constant. A single shared loop that receives the operation as an argument sees many of them
 * and falls back to slow scalar code (measured: 10-60x slower). So each function gets its own copy of
 * the loop, a hidden class made from {@link ElementLoop1}, {@link ElementLoop2} or
 * {@link ElementLoop3} with the function as a class constant. Tails shorter than a vector run the
 * same function on a broadcast vector, so every element sees the same arithmetic.
 */
final class ElementwiseKernels {
    /** A function of three vectors. */
    interface Ternary {
        FloatVector apply(FloatVector x, FloatVector y, FloatVector z);
    }

    private static final Map<Op, Kernels.Elementwise> KERNELS = new EnumMap<>(Op.class);

    private ElementwiseKernels() {
    }

    static synchronized Kernels.Elementwise of(Op op) {
        return KERNELS.computeIfAbsent(op, ElementwiseKernels::make);
    }

    private static Kernels.Elementwise make(Op op) {
        UnaryOperator<FloatVector> unary = unary(op);
        if (unary != null) {
            return instantiate(ElementLoop1.class, unary);
        }
        BinaryOperator<FloatVector> binary = binary(op);
        if (binary != null) {
            return instantiate(ElementLoop2.class, binary);
        }
        if (op == Op.INTERP) {
            return instantiate(ElementLoop3.class, (Ternary) VectorOps::interp);
        }
        throw new IllegalArgumentException(op + " has no elementwise kernel");
    }

    /** The one-argument functions; null for others. */
    static UnaryOperator<FloatVector> unary(Op op) {
        return switch (op) {
            case ABS -> VectorOps::abs;
            case COS -> VectorOps::cos;
            case SIN -> VectorOps::sin;
            case TAN -> VectorOps::tan;
            case ARCSIN -> VectorOps::arcsin;
            case ARCCOS -> VectorOps::arccos;
            case ARCTAN -> VectorOps::arctan;
            case SINH -> VectorOps::sinh;
            case COSH -> VectorOps::cosh;
            case TANH -> VectorOps::tanh;
            case ARCSINH -> VectorOps::arcsinh;
            case ARCCOSH -> VectorOps::arccosh;
            case ARCTANH -> VectorOps::arctanh;
            case EXP -> VectorOps::exp;
            case EXP2 -> VectorOps::exp2;
            case EXP10 -> VectorOps::exp10;
            case EXPM1 -> VectorOps::expm1;
            case LOG -> VectorOps::log;
            case LOG10 -> VectorOps::log10;
            case LOG2 -> VectorOps::log2;
            case LOG1P -> VectorOps::log1p;
            case SQUARE -> VectorOps::square;
            case SQRT -> VectorOps::sqrt;
            case CUBE -> VectorOps::cube;
            case CBRT -> VectorOps::cbrt;
            case SIGN -> VectorOps::sign;
            case RECIPROCAL -> VectorOps::reciprocal;
            case INVERT -> VectorOps::invert;
            case NEGATIVE -> VectorOps::negative;
            default -> null;
        };
    }

    /** The two-argument functions; null for others. */
    static BinaryOperator<FloatVector> binary(Op op) {
        return switch (op) {
            case ADD -> VectorOps::add;
            case SUB -> VectorOps::sub;
            case MUL -> VectorOps::mul;
            case DIV -> VectorOps::div;
            case MAX -> VectorOps::max;
            case MIN -> VectorOps::min;
            case POWER -> VectorOps::power;
            case CLIP -> VectorOps::clip;
            default -> null;
        };
    }

    /** A new hidden class from the template's bytes, with {@code function} as its class data. */
    private static Kernels.Elementwise instantiate(Class<?> template, Object function) {
        byte[] bytes;
        try (InputStream in = template.getResourceAsStream(template.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("class file of " + template.getName() + " not found");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClassWithClassData(bytes, function, true);
            return (Kernels.Elementwise) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make the kernel from " + template.getSimpleName(), e);
        }
    }
}
