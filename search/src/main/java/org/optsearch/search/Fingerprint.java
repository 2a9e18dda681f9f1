package org.optsearch.search;

import java.util.SplittableRandom;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepValues;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;

/**
 * A numeric fingerprint of what a program does, as AutoML-Zero uses to find equivalent programs that
 * the structural hash cannot see ({@code x + x} and {@code 2 * x}): run it four steps on a fixed random
 * probe (two tensors, fixed gradients and learning rates) and hash the updates, each rounded to 16
 * significant bits. Programs with the same fingerprint are taken to compute the same function; two
 * equivalent programs whose float rounding differs may still get different fingerprints (a missed
 * saving, never a wrong fitness from rounding).
 */
public final class Fingerprint {
    private static final ParamLayout LAYOUT = ParamLayout.of(13, 19);
    /**
     * The same 32 floats as a 3 x 4 and a 5 x 4 matrix, for programs that read shapes ({@code shape_factor},
     * {@code orthogonalize}): on vectors those would look like simpler programs. Other programs keep
     * {@link #LAYOUT}, so their fingerprints (stored in run stores) do not change.
     */
    private static final ParamLayout MATRICES = new ParamLayout(java.util.List.of(
            new ParamLayout.Segment("a", 0, 12, 3), new ParamLayout.Segment("b", 12, 20, 5)));
    private static final float[] LEARNING_RATES = {0.3f, 1.0f, 0.7f, 0.1f};
    private static final float[] WEIGHTS;
    private static final float[][] GRADIENTS;

    static {
        SplittableRandom rnd = new SplittableRandom(0x5EED);
        WEIGHTS = noise(rnd);
        GRADIENTS = new float[LEARNING_RATES.length][];
        for (int s = 0; s < GRADIENTS.length; s++) {
            GRADIENTS[s] = noise(rnd);
        }
    }

    private Fingerprint() {
    }

    /** The fingerprint of a valid program. */
    public static long of(Program program) {
        boolean shapes = program.statements().stream()
                .anyMatch(st -> st.op() == Op.SHAPE_FACTOR || st.op() == Op.ORTHOGONALIZE);
        Executor executor = Executor.reference(program, shapes ? MATRICES : LAYOUT);
        float[] w = WEIGHTS.clone();
        float[] before = new float[w.length];
        float[][] state = executor.newState();
        long h = 0x9E3779B97F4A7C15L;
        for (int step = 0; step < LEARNING_RATES.length; step++) {
            System.arraycopy(w, 0, before, 0, w.length);
            executor.step(w, GRADIENTS[step], state, new StepValues(LEARNING_RATES[step], step + 1, LEARNING_RATES.length));
            for (int i = 0; i < w.length; i++) {
                h = mix(h, quantize(before[i] - w[i]));
            }
        }
        return h;
    }

    /** The float's sign, exponent and top 16 bits of mantissa, rounded; one token for every NaN. */
    static int quantize(float x) {
        if (Float.isNaN(x)) {
            return 0x7FC00000;
        }
        if (x == 0) {
            return 0; // +0 and -0 alike
        }
        int bits = Float.floatToIntBits(x);
        return (bits + (1 << 6)) & ~((1 << 7) - 1);
    }

    private static long mix(long h, int v) {
        h ^= v * 0xFF51AFD7ED558CCDL;
        h = Long.rotateLeft(h, 31) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 29);
    }

    private static float[] noise(SplittableRandom rnd) {
        float[] x = new float[LAYOUT.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextDouble(-2, 2));
        }
        return x;
    }
}
