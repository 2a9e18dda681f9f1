package org.optsearch.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.optsearch.exec.Executor;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepReport;
import org.optsearch.lang.Program;

/**
 * One optimizer step, single-threaded, over {@code n} floats, with the fused executor and the reference
 * interpreter, and a STREAM triad {@code a[i] = b[i] + s * c[i]} over the same {@code n} in the same run,
 * so the ratios fused/triad and fused/reference come from one machine state; {@code inPlace} is a
 * second yardstick, an in-place update like the executors'. The executor is the
 * benchmark method ({@code fused}, {@code reference}) rather than a parameter, so the reference
 * interpreter, seconds per step at 10^7, can have fewer iterations.
 *
 * <p>Time per step is measured (ms/op); {@code bench/summary.py} turns it into GB/s of logical traffic:
 * {@code 4 * n * (3 + 2 * slots)} bytes per executor step (read w, g and every slot; write w and every
 * slot), {@code 12 * n} per triad. Inputs are as in {@code optsearch bench step}: w and g from N(0, 1)
 * (seed 42), state zero, lr = 1.0. Each iteration starts again from those inputs, so the state never
 * drifts far from where training starts.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class StepBenchmark {

    static final long SEED = 42;
    static final float LR = 1.0f;
    static final float TRIAD_SCALAR = 3.0f;

    /** The buffers of one step and a pristine copy of the weights to start each iteration from. */
    @State(Scope.Thread)
    public abstract static class StepState {
        @Param({"10000000"})
        public int n;

        @Param({"lion", "adamw", "lion_raw", "random20"})
        public String program;

        Executor executor;
        float[] w;
        float[] w0;
        float[] g;
        float[][] state;
        StepReport last;

        abstract Executor executor(Program program, ParamLayout layout);

        @Setup(Level.Trial)
        public void setUp() {
            executor = executor(BenchPrograms.load(program), ParamLayout.single(n));
            SplittableRandom root = new SplittableRandom(SEED);
            w0 = normal(root.split(), n);
            g = normal(root.split(), n);
            w = new float[n];
            state = executor.newState();
        }

        @Setup(Level.Iteration)
        public void reset() {
            System.arraycopy(w0, 0, w, 0, n);
            for (float[] slot : state) {
                Arrays.fill(slot, 0f);
            }
        }

        @TearDown(Level.Iteration)
        public void checkFinite() {
            if (last != null && !last.finite()) {
                System.out.println("  (" + program + ": the last step of this iteration wrote " + last.nonFinite()
                        + " non-finite values)");
            }
        }
    }

    @State(Scope.Thread)
    public static class FusedState extends StepState {
        @Override
        Executor executor(Program program, ParamLayout layout) {
            return Executor.fused(program, layout);
        }
    }

    @State(Scope.Thread)
    public static class ReferenceState extends StepState {
        @Override
        Executor executor(Program program, ParamLayout layout) {
            return Executor.reference(program, layout);
        }
    }

    /** The arrays of the yardsticks: {@code a} is written, {@code b} and {@code c} are N(0, 1). */
    @State(Scope.Thread)
    public static class StreamState {
        @Param({"10000000"})
        public int n;

        float[] a;
        float[] b;
        float[] c;
        float s = TRIAD_SCALAR;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(SEED);
            a = new float[n];
            b = normal(random, n);
            c = normal(random, n);
        }
    }

    @Benchmark
    public StepReport fused(FusedState s) {
        return s.last = s.executor.step(s.w, s.g, s.state, LR);
    }

    /** The reference interpreter allocates an array per statement: seconds per step at 10^7 floats. */
    @Benchmark
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 2)
    public StepReport reference(ReferenceState s) {
        return s.last = s.executor.step(s.w, s.g, s.state, LR);
    }

    /** STREAM triad; C2 vectorizes the loop. The writes to {@code a} keep it from being removed. */
    @Benchmark
    public void triad(StreamState t) {
        float[] a = t.a;
        float[] b = t.b;
        float[] c = t.c;
        float s = t.s;
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    /**
     * {@code w[i] = w[i] - s * g[i]}: the simplest in-place update, 12 bytes per element counted and
     * moved (the line written was just read, so there is no write-allocate). A second yardstick: how
     * fast this machine streams an update in place, as the executors do, rather than into a third array.
     */
    @Benchmark
    public void inPlace(StreamState t) {
        float[] w = t.a;
        float[] g = t.b;
        float s = t.s * 1e-6f;
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] - s * g[i];
        }
    }

    static float[] normal(SplittableRandom random, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
