package org.optsearch.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Op;

/**
 * {@link VectorMath} against {@code Math} in double, and every non-exact function of the executors
 * giving the same bits whether the JVM interprets the code or has compiled it (the property the class
 * exists for: the Vector API's own exp/tanh/log... do not have it).
 */
class VectorMathTest {

    static float[] inputs() {
        List<Float> v = new ArrayList<>(List.of(0f, -0f, 1e-30f, -1e-30f, 1e-8f, 0.1249f, 0.125f, 0.5f, -0.5f, 1f,
                -1f, 10f, -10f, 88f, 88.7f, 89f, 100f, -87f, -100f, -103.9f, -104f, -200f, Float.MAX_VALUE,
                -Float.MAX_VALUE, Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN));
        SplittableRandom rnd = new SplittableRandom(3);
        while (v.size() % 64 != 0 || v.size() < 1024) {
            v.add((float) (rnd.nextGaussian() * Math.exp(rnd.nextGaussian() * 2)));
        }
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }

    static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += VectorOps.SPECIES.length()) {
            f.apply(FloatVector.fromArray(VectorOps.SPECIES, x, i)).intoArray(y, i);
        }
        return y;
    }

    @Test
    void expIsWithinTwoUlpsOfMathExp() {
        float[] x = inputs();
        float[] y = apply(VectorMath::exp, x);
        for (int i = 0; i < x.length; i++) {
            float want = (float) Math.exp(x[i]);
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(y[i]), "exp(" + x[i] + ") = " + y[i]);
            } else if (want == 0 || Float.isInfinite(want) || want < Float.MIN_NORMAL) {
                assertEquals(want, y[i], Float.MIN_NORMAL, "exp(" + x[i] + ")");
            } else {
                assertEquals(want, y[i], 2 * Math.ulp(want), "exp(" + x[i] + ")");
            }
        }
    }

    @Test
    void tanhIsWithinAFewUlpsOfMathTanh() {
        float[] x = inputs();
        float[] y = apply(VectorMath::tanh, x);
        for (int i = 0; i < x.length; i++) {
            float want = (float) Math.tanh(x[i]);
            if (Float.isNaN(want)) {
                assertTrue(Float.isNaN(y[i]), "tanh(" + x[i] + ") = " + y[i]);
            } else {
                assertEquals(want, y[i], 4 * Math.ulp(want) + 6e-8f, "tanh(" + x[i] + ")");
            }
        }
    }

    /**
     * The probe run in two JVMs: interpreted only (the Vector API's Java fallback), and with C2 after
     * enough calls that it has compiled every kernel to SIMD code. With the Vector API's own
     * {@code lanewise(EXP)} this test fails.
     */
    @Test
    void interpretedAndCompiledCodeGiveTheSameBits() throws Exception {
        String interpreted = probe(1, "-Xint");
        String compiled = probe(3000, "-XX:-TieredCompilation");
        assertEquals(2 + DETERMINISTIC.size(), interpreted.lines().count(), interpreted);
        assertEquals(interpreted, compiled);
    }

    private static String probe(int calls, String flag) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(flag);
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), String.valueOf(calls)));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return out;
    }

    /**
     * The functions whose kernels give the same bits interpreted and compiled: exactly defined
     * arithmetic, and exp and tanh through {@link VectorMath}. The other transcendental functions still
     * use the Vector API's own (see {@link VectorOps} and docs/executors.md).
     */
    static final java.util.Set<Op> DETERMINISTIC = java.util.EnumSet.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.MAX,
            Op.MIN, Op.ABS, Op.SQUARE, Op.SQRT, Op.CUBE, Op.SIGN, Op.RECIPROCAL, Op.INVERT, Op.NEGATIVE, Op.INTERP,
            Op.CLIP, Op.EXP, Op.TANH);

    /**
     * Prints a hash of each function's results over {@link #inputs()}, one line per function, computed
     * by the executors' block kernels and by {@link VectorMath}; each is called {@code args[0]} times first.
     */
    public static final class Probe {
        public static void main(String[] args) {
            int calls = Integer.parseInt(args[0]);
            float[] x = inputs();
            float[] b = apply(v -> v.mul(0.5f).add(0.25f), x);
            float[] z = apply(v -> v.mul(0.1f), x);
            float[] y = new float[x.length];
            for (int c = 0; c < calls; c++) {
                exp(x, y);
            }
            System.out.println("VectorMath.exp " + hash(y));
            for (int c = 0; c < calls; c++) {
                tanh(x, y);
            }
            System.out.println("VectorMath.tanh " + hash(y));
            for (Op op : Op.values()) {
                if (!DETERMINISTIC.contains(op)) {
                    continue;
                }
                Kernels.Elementwise kernel = Kernels.of(op);
                for (int c = 0; c < calls; c++) {
                    kernel.apply(x, 0, b, 0, z, 0, y, x.length);
                }
                System.out.println(op + " " + hash(y));
            }
        }

        private static void exp(float[] x, float[] y) {
            for (int i = 0; i < x.length; i += VectorOps.SPECIES.length()) {
                VectorMath.exp(FloatVector.fromArray(VectorOps.SPECIES, x, i)).intoArray(y, i);
            }
        }

        private static void tanh(float[] x, float[] y) {
            for (int i = 0; i < x.length; i += VectorOps.SPECIES.length()) {
                VectorMath.tanh(FloatVector.fromArray(VectorOps.SPECIES, x, i)).intoArray(y, i);
            }
        }

        /** Over the bits of each value, with every NaN as one NaN (the sign of a NaN may differ; it means nothing). */
        static long hash(float[] y) {
            long h = 17;
            for (float v : y) {
                h = h * 31 + Float.floatToIntBits(v);
            }
            return h;
        }
    }
}
