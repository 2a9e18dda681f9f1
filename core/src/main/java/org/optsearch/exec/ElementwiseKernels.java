package org.optsearch.exec;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.EnumMap;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import org.optsearch.lang.Op;

/**
 * A vectorized block loop for every elementwise function of {@link VectorOps}, made from one template.
 *
 * <p>Why templates: the Vector API compiles to SIMD instructions only when the JIT sees the operation
 * as a constant. A single shared loop that receives the operation as an argument sees many of them
 * and falls back to slow scalar code (measured: 10-60x slower). So each function gets its own copy of
 * the loop, a hidden class made from the template {@link ElementLoop} with the function as a class
 * constant. Tails shorter than a vector run the
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
        return instantiate(ElementLoop.class, function(op));
    }

    /** Every elementwise function as a function of three vectors; unused arguments are ignored. */
    static Ternary function(Op op) {
        return switch (op) {
            case ABS -> (x, y, z) -> VectorOps.abs(x);
            case COS -> (x, y, z) -> VectorOps.cos(x);
            case SIN -> (x, y, z) -> VectorOps.sin(x);
            case TAN -> (x, y, z) -> VectorOps.tan(x);
            case ARCSIN -> (x, y, z) -> VectorOps.arcsin(x);
            case ARCCOS -> (x, y, z) -> VectorOps.arccos(x);
            case ARCTAN -> (x, y, z) -> VectorOps.arctan(x);
            case SINH -> (x, y, z) -> VectorOps.sinh(x);
            case COSH -> (x, y, z) -> VectorOps.cosh(x);
            case TANH -> (x, y, z) -> VectorOps.tanh(x);
            case ARCSINH -> (x, y, z) -> VectorOps.arcsinh(x);
            case ARCCOSH -> (x, y, z) -> VectorOps.arccosh(x);
            case ARCTANH -> (x, y, z) -> VectorOps.arctanh(x);
            case EXP -> (x, y, z) -> VectorOps.exp(x);
            case EXP2 -> (x, y, z) -> VectorOps.exp2(x);
            case EXP10 -> (x, y, z) -> VectorOps.exp10(x);
            case EXPM1 -> (x, y, z) -> VectorOps.expm1(x);
            case LOG -> (x, y, z) -> VectorOps.log(x);
            case LOG10 -> (x, y, z) -> VectorOps.log10(x);
            case LOG2 -> (x, y, z) -> VectorOps.log2(x);
            case LOG1P -> (x, y, z) -> VectorOps.log1p(x);
            case SQUARE -> (x, y, z) -> VectorOps.square(x);
            case SQRT -> (x, y, z) -> VectorOps.sqrt(x);
            case CUBE -> (x, y, z) -> VectorOps.cube(x);
            case CBRT -> (x, y, z) -> VectorOps.cbrt(x);
            case SIGN -> (x, y, z) -> VectorOps.sign(x);
            case RECIPROCAL -> (x, y, z) -> VectorOps.reciprocal(x);
            case INVERT -> (x, y, z) -> VectorOps.invert(x);
            case NEGATIVE -> (x, y, z) -> VectorOps.negative(x);
            case ADD -> (x, y, z) -> VectorOps.add(x, y);
            case SUB -> (x, y, z) -> VectorOps.sub(x, y);
            case MUL -> (x, y, z) -> VectorOps.mul(x, y);
            case DIV -> (x, y, z) -> VectorOps.div(x, y);
            case MAX -> (x, y, z) -> VectorOps.max(x, y);
            case MIN -> (x, y, z) -> VectorOps.min(x, y);
            case POWER -> (x, y, z) -> VectorOps.power(x, y);
            case CLIP -> (x, y, z) -> VectorOps.clip(x, y);
            case INTERP -> VectorOps::interp;
            default -> throw new IllegalArgumentException(op + " has no elementwise kernel");
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
