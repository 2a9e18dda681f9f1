package org.optsearch.cli;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;

/**
 * Times one optimizer step, single-threaded, and a STREAM triad over the same number of floats for
 * comparison. Throughput counts logical traffic: an executor step reads {@code w}, {@code g} and each
 * slot and writes {@code w} and each slot, {@code 4 * n * (3 + 2 * slots)} bytes; the triad
 * {@code a[i] = b[i] + s * c[i]} reads two arrays and writes one, {@code 12 * n} bytes. Temporaries an
 * executor allocates and write-allocate traffic are not counted, so a slow executor is not flattered.
 *
 * <p>Each measurement warms up first (so the JIT has compiled the loop), then times {@code repeats}
 * steps one by one with {@link System#nanoTime()}. Wall-clock numbers; for statistics use the JMH module.
 */
public final class StepBench {

    public static final int EXECUTOR_WARMUPS = 3;
    public static final int REFERENCE_WARMUPS = 1;
    /** The reference interpreter is slow on purpose: it gets at most this many timed steps. */
    public static final int REFERENCE_MAX_REPEATS = 2;
    public static final int TRIAD_WARMUPS = 3;
    static final float TRIAD_SCALAR = 3.0f;

    private StepBench() {
    }

    /**
     * The timed repetitions of one kernel.
     *
     * @param nanos        wall time of each timed step
     * @param bytesPerStep logical bytes read plus written by one step
     * @param nonFinite    non-finite values written by the last step (executors only; 0 for the triad)
     */
    public record Timing(String name, int warmups, long[] nanos, long bytesPerStep, long nonFinite) {

        public int repeats() {
            return nanos.length;
        }

        public long bestNanos() {
            return Arrays.stream(nanos).min().orElseThrow();
        }

        public long medianNanos() {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return sorted[(sorted.length - 1) / 2];
        }

        /** Throughput of the fastest step, in 1e9 bytes per second. */
        public double bestGBs() {
            return gbs(bestNanos());
        }

        public double medianGBs() {
            return gbs(medianNanos());
        }

        public double bestMillis() {
            return bestNanos() / 1e6;
        }

        private double gbs(long ns) {
            return bytesPerStep / (double) Math.max(ns, 1);
        }
    }

    /** Bytes one executor step moves: read w, g and every slot; write w and every slot. */
    public static long executorBytes(int size, int slots) {
        return 4L * size * (3 + 2L * slots);
    }

    /** Bytes one triad pass moves: read b and c, write a. */
    public static long triadBytes(int size) {
        return 12L * size;
    }

    /** Times the reference interpreter: {@link #REFERENCE_WARMUPS} warm-up steps, then min(repeats, 2). */
    public static Timing reference(Program program, int size, int repeats, long seed) {
        Executor executor = Executor.reference(program, ParamLayout.single(size));
        return executor("reference", executor, size, REFERENCE_WARMUPS, Math.min(repeats, REFERENCE_MAX_REPEATS), seed);
    }

    /** Times the fused executor: {@link #EXECUTOR_WARMUPS} warm-up steps, then {@code repeats}. */
    public static Timing fused(Program program, int size, int repeats, long seed) {
        Executor executor = Executor.fused(program, ParamLayout.single(size));
        return executor("fused", executor, size, EXECUTOR_WARMUPS, repeats, seed);
    }

    /** Times any executor on fresh {@link StepInputs}; the steps run one after another on the same buffers. */
    public static Timing executor(String name, Executor executor, int size, int warmups, int repeats, long seed) {
        StepInputs in = StepInputs.random(size, executor.slotCount(), seed);
        long nonFinite = 0;
        for (int i = 0; i < warmups; i++) {
            executor.step(in.w(), in.g(), in.state(), StepInputs.VALUES);
        }
        long[] nanos = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            nonFinite = executor.step(in.w(), in.g(), in.state(), StepInputs.VALUES).nonFinite();
            nanos[i] = System.nanoTime() - start;
        }
        return new Timing(name, warmups, nanos, executorBytes(size, executor.slotCount()), nonFinite);
    }

    /** Times the STREAM triad {@code a[i] = b[i] + s * c[i]} over {@code size} floats. */
    public static Timing triad(int size, int repeats, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[size];
        float[] b = StepInputs.normal(random, size);
        float[] c = StepInputs.normal(random, size);
        for (int i = 0; i < TRIAD_WARMUPS; i++) {
            triad(a, b, c, TRIAD_SCALAR);
        }
        long[] nanos = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            triad(a, b, c, TRIAD_SCALAR);
            nanos[i] = System.nanoTime() - start;
        }
        blackhole(a);
        return new Timing("triad", TRIAD_WARMUPS, nanos, triadBytes(size), 0);
    }

    /** The STREAM triad kernel; C2 vectorizes this loop. */
    static void triad(float[] a, float[] b, float[] c, float s) {
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    private static volatile float sink;

    /** Keeps the triad's output observable so the JIT cannot drop the loop. */
    private static void blackhole(float[] a) {
        sink = a[a.length / 2];
    }
}
