package org.optsearch.optim.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepValues;
import org.optsearch.lang.Program;

/**
 * The fixed problem every exported optimizer runs, here and in Python: four parameter tensors of
 * different shapes, initial weights and the gradient of each of {@link #STEPS} steps, all drawn once
 * from a seeded generator (about one value in ten exactly zero) and written to a file that both sides
 * read. The gradients do not depend on the weights, so a rounding difference in one step cannot grow
 * through a loss into the next (nor flip a later sign()).
 */
final class Problem {
    /** The shapes of the tensors, row-major; the flat layout is their concatenation. */
    static final int[][] SHAPES = {{3, 4}, {5}, {1}, {2, 3, 2}};
    static final int STEPS = 20;

    /**
     * Agreement required of every weight and state value: {@code |ours - theirs| <= ABS + REL * |ours|},
     * NaN where we have NaN, infinities exactly. The reference computes each function in double and rounds
     * to float; torch computes in float (sums in float64), so single steps differ by a few float ulps.
     */
    static final double ABS = 1e-5;
    static final double REL = 1e-4;

    final ParamLayout layout;
    final float[] initial;
    final float[][] gradients;

    private Problem(ParamLayout layout, float[] initial, float[][] gradients) {
        this.layout = layout;
        this.initial = initial;
        this.gradients = gradients;
    }

    /** The problem as PyTorch reads its tensors: a matrix's outputs are its first dimension. */
    static Problem standard() {
        return standard(false);
    }

    /**
     * @param outputsLast read a tensor of two or more dimensions as JAX does (Flax's kernels are ... x in x
     *                    out): the rest by its last dimension, the last the outputs (in x out); else as
     *                    PyTorch does: its first dimension (the outputs) by the rest (out x in)
     */
    static Problem standard(boolean outputsLast) {
        int[] sizes = new int[SHAPES.length];
        for (int t = 0; t < SHAPES.length; t++) {
            sizes[t] = 1;
            for (int d : SHAPES[t]) {
                sizes[t] *= d;
            }
        }
        // A tensor of two or more dimensions is a matrix, read as the export's framework reads it.
        List<ParamLayout.Segment> segments = new ArrayList<>();
        int offset = 0;
        for (int t = 0; t < SHAPES.length; t++) {
            int[] shape = SHAPES[t];
            int rows = shape.length < 2 ? 1 : outputsLast ? sizes[t] / shape[shape.length - 1] : shape[0];
            ParamLayout.Segment segment = new ParamLayout.Segment("t" + t, offset, sizes[t], rows);
            segments.add(outputsLast ? segment.withOrientation(ParamLayout.Orientation.IN_BY_OUT) : segment);
            offset += sizes[t];
        }
        ParamLayout layout = new ParamLayout(segments);
        Random random = new Random(20240607);
        float[] initial = draw(random, layout.size());
        float[][] gradients = new float[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            gradients[s] = draw(random, layout.size());
        }
        return new Problem(layout, initial, gradients);
    }

    /** Uniform in [-1, 1), one value in ten exactly zero. */
    private static float[] draw(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt(10) == 0 ? 0f : random.nextFloat() * 2 - 1;
        }
        return a;
    }

    /** Writes the initial weights, then each step's gradient, as little-endian float32. */
    void write(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * layout.size() * (STEPS + 1)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(initial);
        for (int s = 0; s < STEPS; s++) {
            buffer.position(4 * layout.size() * (s + 1));
            buffer.asFloatBuffer().put(gradients[s]);
        }
        Files.write(file, buffer.array());
    }

    /** Weights, then each slot's values (and the readout's, last), after {@link #STEPS} steps. */
    record Result(float[] weights, float[][] slots) {
        /** Reads what the Python harness wrote: the weights, then each slot, as little-endian float32. */
        static Result read(Path file, int size, int slotCount) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            if (buffer.remaining() != 4L * size * (slotCount + 1)) {
                throw new IOException(file + " has " + buffer.remaining() + " bytes, expected "
                        + 4L * size * (slotCount + 1));
            }
            float[] weights = new float[size];
            buffer.asFloatBuffer().get(weights);
            float[][] slots = new float[slotCount][size];
            for (int k = 0; k < slotCount; k++) {
                buffer.position(4 * size * (k + 1));
                buffer.asFloatBuffer().get(slots[k]);
            }
            return new Result(weights, slots);
        }
    }

    /**
     * Our reference interpreter on this problem, with the exports' learning-rate convention: when the
     * program declares lr_scale, the framework's learning rate (times the schedule's factor) is lr_scale
     * and the lr input is 1.0; otherwise it is the lr input.
     *
     * @param overrides hyperparameters set to other values than their defaults, by program name
     * @param rate      the framework's learning rate, or null for the default (lr_scale's default or 1.0)
     * @param factors   the schedule's factor at each step, or null for 1.0 throughout
     */
    Result reference(Program program, Map<String, Double> overrides, Double rate, double[] factors) {
        boolean scaled = program.hyperparameters().containsKey(Exporter.LEARNING_RATE_SCALE);
        double base = rate != null ? rate
                : scaled ? program.hyperparameters().get(Exporter.LEARNING_RATE_SCALE) : 1.0;
        float[] w = initial.clone();
        float[][] state = new float[Executor.reference(program, layout).slotCount()][layout.size()];
        for (int s = 0; s < STEPS; s++) {
            double factor = factors == null ? 1.0 : factors[s];
            Map<String, Double> values = new HashMap<>(overrides);
            if (scaled) {
                values.put(Exporter.LEARNING_RATE_SCALE, base * factor);
            }
            Executor executor = Executor.reference(program.withHyperparameters(values), layout);
            float lr = scaled ? 1.0f : (float) (base * factor);
            executor.step(w, gradients[s], state, new StepValues(lr, s + 1, STEPS));
        }
        return new Result(w, state);
    }

    /** How far one result is from another, as the largest difference and the largest share of the tolerance. */
    record Comparison(double maxDifference, double maxShareOfTolerance, List<String> failures) {
        boolean ok() {
            return failures.isEmpty();
        }
    }

    /** Compares {@code actual} with {@code expected} (ours), weights and every slot. */
    static Comparison compare(Result expected, Result actual, List<String> slotNames) {
        Accumulator acc = new Accumulator();
        acc.compare("weights", expected.weights(), actual.weights());
        for (int k = 0; k < expected.slots().length; k++) {
            acc.compare("slot " + slotNames.get(k), expected.slots()[k], actual.slots()[k]);
        }
        return new Comparison(acc.maxDifference, acc.maxShare, acc.failures);
    }

    private static final class Accumulator {
        double maxDifference;
        double maxShare;
        final List<String> failures = new ArrayList<>();

        void compare(String what, float[] expected, float[] actual) {
            for (int i = 0; i < expected.length; i++) {
                float e = expected[i];
                float a = actual[i];
                boolean ok;
                if (Float.isNaN(e) || Float.isInfinite(e)) {
                    ok = Float.isNaN(e) ? Float.isNaN(a) : e == a;
                } else if (!Float.isFinite(a)) {
                    ok = false;
                } else {
                    double difference = Math.abs((double) a - e);
                    double share = difference / (ABS + REL * Math.abs(e));
                    maxDifference = Math.max(maxDifference, difference);
                    maxShare = Math.max(maxShare, share);
                    ok = share <= 1;
                }
                if (!ok && failures.size() < 10) {
                    failures.add(what + "[" + i + "]: expected " + e + ", got " + a);
                }
            }
        }
    }
}
