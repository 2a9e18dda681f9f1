package org.optsearch.train.nn;

import static jdk.incubator.vector.VectorOperators.GT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.optsearch.exec.VectorMath;

/**
 * Elementwise nonlinearities over {@code n} floats. {@code forward} writes {@code y = f(x)};
 * {@code backward} writes {@code dx = dy * f'(x)}, given the forward pass's {@code x} and {@code y}, and
 * {@code dx} may be {@code dy}. A forward pass in place ({@code y == x}) loses {@code x}: fine for RELU and
 * TANH, whose backward passes still work when handed {@code y} as {@code x}, but not for GELU. Each constant
 * has loops of its own so that the JIT vectorizes them.
 */
public enum Activation {
    /** {@code max(x, 0)}; its derivative at 0 is taken as 0. */
    RELU {
        @Override
        public void forward(float[] x, float[] y, int n) {
            FloatVector zero = FloatVector.zero(S);
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector.fromArray(S, x, i).max(zero).intoArray(y, i);
            }
            for (; i < n; i++) {
                y[i] = Math.max(x[i], 0f);
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] dy, float[] dx, int n) {
            FloatVector zero = FloatVector.zero(S);
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector xv = FloatVector.fromArray(S, x, i);
                zero.blend(FloatVector.fromArray(S, dy, i), xv.compare(GT, 0f)).intoArray(dx, i);
            }
            for (; i < n; i++) {
                dx[i] = x[i] > 0 ? dy[i] : 0f;
            }
        }
    },

    /**
     * The Gaussian error linear unit in its tanh approximation (as in BERT and GPT-2):
     * {@code 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))}.
     */
    GELU {
        @Override
        public void forward(float[] x, float[] y, int n) {
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector u = xv.mul(xv).fma(GELU_CUBIC, 1f).mul(xv).mul(SQRT_2_OVER_PI);
                VectorMath.tanh(u).add(1f).mul(xv).mul(0.5f).intoArray(y, i);
            }
            for (; i < n; i++) {
                float v = x[i];
                float t = (float) Math.tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v));
                y[i] = 0.5f * v * (1 + t);
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] dy, float[] dx, int n) {
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector xv = FloatVector.fromArray(S, x, i);
                FloatVector x2 = xv.mul(xv);
                FloatVector t = VectorMath.tanh(x2.fma(GELU_CUBIC, 1f).mul(xv).mul(SQRT_2_OVER_PI));
                // d/dx = 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2)
                FloatVector du = x2.fma(3 * GELU_CUBIC, 1f).mul(SQRT_2_OVER_PI);
                FloatVector sech2 = t.mul(t).neg().add(1f);
                FloatVector d = xv.mul(sech2).mul(du).add(t).add(1f).mul(0.5f);
                d.mul(FloatVector.fromArray(S, dy, i)).intoArray(dx, i);
            }
            for (; i < n; i++) {
                float v = x[i];
                float t = (float) Math.tanh(SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v));
                float du = SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * v * v);
                dx[i] = dy[i] * 0.5f * (1 + t + v * (1 - t * t) * du);
            }
        }
    },

    /** {@code tanh(x)}. */
    TANH {
        @Override
        public void forward(float[] x, float[] y, int n) {
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                VectorMath.tanh(FloatVector.fromArray(S, x, i)).intoArray(y, i);
            }
            for (; i < n; i++) {
                y[i] = (float) Math.tanh(x[i]);
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] dy, float[] dx, int n) {
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector yv = FloatVector.fromArray(S, y, i);
                yv.mul(yv).neg().add(1f).mul(FloatVector.fromArray(S, dy, i)).intoArray(dx, i);
            }
            for (; i < n; i++) {
                dx[i] = dy[i] * (1 - y[i] * y[i]);
            }
        }
    };

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
    private static final float GELU_CUBIC = 0.044715f;

    /** {@code y[i] = f(x[i])} for {@code i < n}; {@code y} may be {@code x} (see the class note). */
    public abstract void forward(float[] x, float[] y, int n);

    /**
     * {@code dx[i] = dy[i] * f'(x[i])} for {@code i < n}, where {@code y = f(x)} is the forward output;
     * {@code dx} may be {@code dy}.
     */
    public abstract void backward(float[] x, float[] y, float[] dy, float[] dx, int n);
}
