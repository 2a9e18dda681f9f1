package org.optsearch.cli;

import java.util.SplittableRandom;

/**
 * The inputs of one benchmarked optimizer step: weights and gradient drawn from N(0, 1) with a fixed
 * seed, every state slot zero (as at the first step of training), and a fixed learning-rate value.
 * {@code optsearch bench step} uses it, and a JMH benchmark can use it too, so both measure the same
 * thing. The buffers are mutable: a step overwrites {@code w} and {@code state}.
 */
public record StepInputs(float[] w, float[] g, float[][] state) {

    public static final long DEFAULT_SEED = 42;

    /** The schedule value passed to every benchmarked step; the program scales it by its own constant. */
    public static final float LR = 1.0f;
    /** The scalar inputs of every timed step: lr, and step 1 of 1000 for programs that read the step inputs. */
    public static final org.optsearch.exec.StepValues VALUES = new org.optsearch.exec.StepValues(LR, 1, 1000);

    /** Fresh inputs for {@code size} parameters and {@code slots} state slots; equal seeds give equal data. */
    public static StepInputs random(int size, int slots, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, got " + size);
        }
        SplittableRandom root = new SplittableRandom(seed);
        float[] w = normal(root.split(), size);
        float[] g = normal(root.split(), size);
        return new StepInputs(w, g, new float[slots][size]);
    }

    /** {@code size} floats from N(0, 1). */
    public static float[] normal(SplittableRandom random, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    public int size() {
        return w.length;
    }
}
