package org.optsearch.peers;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A hand-written harness: warm-up steps, then steps timed one by one with {@link System#nanoTime()}, and
 * order statistics of those times. Both phases run for at least a number of steps and at least a number of
 * seconds, whichever is longer, and stop at a cap on the steps. The process's CPU time over the timed phase,
 * divided by its wall time, shows whether the step really ran on one thread (about 1) or on more.
 *
 * @param warmupSeconds  least warm-up time
 * @param warmupSteps    least warm-up steps
 * @param measureSeconds least measured time
 * @param measureSteps   least measured steps
 * @param maxSteps       most measured steps (also caps the warm-up)
 */
public record Timing(double warmupSeconds, int warmupSteps, double measureSeconds, int measureSteps, int maxSteps) {

    public Timing {
        if (warmupSeconds < 0 || measureSeconds < 0 || warmupSteps < 0 || measureSteps < 1
                || maxSteps < measureSteps) {
            throw new IllegalArgumentException("timing needs non-negative times and steps, 1 <= measureSteps <="
                    + " maxSteps; got warm-up " + warmupSeconds + " s / " + warmupSteps + " steps, measure "
                    + measureSeconds + " s / " + measureSteps + " steps, max " + maxSteps);
        }
    }

    /**
     * Order statistics of the step times, in milliseconds, and the process's CPU time per wall time while
     * they were taken (NaN where the JVM cannot tell).
     */
    public record Stats(int steps, double median, double p10, double p90, double min, double cpuPerWall) {
        public static Stats of(double[] millis, int n, double cpuPerWall) {
            double[] t = Arrays.copyOf(millis, n);
            Arrays.sort(t);
            return new Stats(n, quantile(t, 0.5), quantile(t, 0.1), quantile(t, 0.9), t[0], cpuPerWall);
        }

        /** Linear interpolation between order statistics, as numpy's default. */
        static double quantile(double[] sorted, double q) {
            double pos = q * (sorted.length - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(lo + 1, sorted.length - 1);
            return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
        }
    }

    /** Warms {@code runner} up, then times its steps. */
    public Stats run(StepRunner runner) {
        long start = System.nanoTime();
        for (int i = 0; i < maxSteps && (i < warmupSteps || seconds(start) < warmupSeconds); i++) {
            runner.step();
        }
        double[] millis = new double[maxSteps];
        int n = 0;
        long cpu0 = processCpuNanos();
        start = System.nanoTime();
        while (n < maxSteps && (n < measureSteps || seconds(start) < measureSeconds)) {
            long t0 = System.nanoTime();
            runner.step();
            millis[n++] = (System.nanoTime() - t0) / 1e6;
        }
        long wall = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0;
        return Stats.of(millis, n, cpu0 < 0 ? Double.NaN : (double) cpu / wall);
    }

    /** CPU time of the whole process, every thread; -1 where the JVM does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
