package org.optsearch.train.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.optsearch.exec.ParamLayout;
import org.optsearch.train.model.ParamsBuilder;

/**
 * Checks hand-written float gradients against central finite differences of an independent double-precision
 * reference. The float layer runs forward and backward for an upstream gradient {@code dy}, giving analytic
 * gradients; the reference computes the layer's output in double, and the scalar checked is
 * {@code L = sum(dy * reference(...))}. Each checked value {@code v} is moved by {@code +-h}, with
 * {@code h = 1e-3 * max(|v|, 0.1)}, and {@code (L(v + h) - L(v - h)) / 2h} must match the analytic gradient
 * within {@code relative * max(|analytic|, |numeric|) + absolute}.
 */
final class GradientCheck {

    /** How close two numbers must be: {@code |a - b| <= relative * max(|a|, |b|) + absolute}. */
    record Tolerance(double relative, double absolute) {
        /** For gradients: float rounding of the analytic side against double finite differences. */
        static final Tolerance GRADIENT = new Tolerance(1e-3, 1e-4);
        /** For float outputs against the double reference. */
        static final Tolerance OUTPUT = new Tolerance(1e-4, 1e-5);

        boolean accepts(double a, double b) {
            return excess(a, b) <= 0;
        }

        double excess(double a, double b) {
            return Math.abs(a - b) - (relative * Math.max(Math.abs(a), Math.abs(b)) + absolute);
        }
    }

    /** The layer's output in double, as a function of the values of all the tensors, in the order given. */
    @FunctionalInterface
    interface Reference {
        double[] forward(double[][] values);
    }

    /** A float tensor fed to the layer, with its analytic gradient; null gradient: an input not checked. */
    record Tensor(String name, float[] values, float[] gradient) {
        static Tensor fixed(String name, float[] values) {
            return new Tensor(name, values, null);
        }
    }

    private GradientCheck() {
    }

    /** Fails with the worst mismatch if any analytic gradient disagrees with the finite differences. */
    static void check(String what, Reference reference, float[] dy, Tolerance tol, Tensor... tensors) {
        double[][] values = new double[tensors.length][];
        for (int t = 0; t < tensors.length; t++) {
            values[t] = toDouble(tensors[t].values());
        }
        double[] upstream = toDouble(dy);
        for (int t = 0; t < tensors.length; t++) {
            Tensor tensor = tensors[t];
            if (tensor.gradient() == null) {
                continue;
            }
            double[] v = values[t];
            double worst = Double.NEGATIVE_INFINITY;
            String worstText = "";
            double largest = 0;
            for (int i = 0; i < v.length; i++) {
                double original = v[i];
                double h = 1e-3 * Math.max(Math.abs(original), 0.1);
                v[i] = original + h;
                double plus = weighted(reference.forward(values), upstream);
                v[i] = original - h;
                double minus = weighted(reference.forward(values), upstream);
                v[i] = original;
                double numeric = (plus - minus) / (2 * h);
                double analytic = tensor.gradient()[i];
                largest = Math.max(largest, Math.abs(numeric));
                double excess = tol.excess(analytic, numeric);
                if (excess > worst) {
                    worst = excess;
                    worstText = tensor.name() + "[" + i + "]: analytic " + analytic + ", numeric " + numeric;
                }
            }
            if (worst > 0) {
                fail(what + ": gradient off beyond " + tol + " at " + worstText);
            }
            assertTrue(largest > 1e-6, what + ": the gradient of " + tensor.name() + " is all zero; the check"
                    + " would prove nothing");
        }
    }

    /** Fails unless the float output matches the double reference within {@code tol}. */
    static void assertOutput(String what, double[] expected, float[] actual, Tolerance tol) {
        for (int i = 0; i < expected.length; i++) {
            if (!tol.accepts(expected[i], actual[i])) {
                fail(what + ": output[" + i + "] is " + actual[i] + ", the reference says " + expected[i]);
            }
        }
    }

    private static double weighted(double[] output, double[] dy) {
        if (output.length != dy.length) {
            throw new IllegalArgumentException("reference gives " + output.length + " outputs, dy has " + dy.length);
        }
        double sum = 0;
        for (int i = 0; i < output.length; i++) {
            sum += dy[i] * output[i];
        }
        return sum;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** {@code n} floats uniform in {@code (-scale, scale)}. */
    static float[] uniform(SplittableRandom rnd, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((2 * rnd.nextDouble() - 1) * scale);
        }
        return x;
    }

    /** {@code n} floats with magnitude in {@code [0.05, 1)} and random sign: clear of kinks at 0. */
    static float[] awayFromZero(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double magnitude = 0.05 + 0.95 * rnd.nextDouble();
            x[i] = (float) (rnd.nextBoolean() ? magnitude : -magnitude);
        }
        return x;
    }

    /** Parameters drawn uniform in {@code (-scale, scale)}, for a layer whose init would hide some paths. */
    static float[] parameters(ParamsBuilder params, SplittableRandom rnd, double scale) {
        return uniform(rnd, params.size(), scale);
    }

    /** Offset of the named tensor. */
    static int offset(ParamsBuilder params, String name) {
        ParamLayout layout = params.build();
        for (ParamLayout.Segment s : layout.segments()) {
            if (s.name().equals(name)) {
                return s.offset();
            }
        }
        throw new IllegalArgumentException("no parameter named " + name + " in " + layout);
    }
}
