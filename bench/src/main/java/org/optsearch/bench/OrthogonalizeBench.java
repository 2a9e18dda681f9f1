package org.optsearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.optsearch.exec.Executor;
import org.optsearch.exec.Gemm;
import org.optsearch.exec.NewtonSchulz;
import org.optsearch.exec.ParamLayout;
import org.optsearch.lang.Program;

/**
 * {@code orthogonalize} timed without JMH, one thread: the GEMM kernel alone, Newton-Schulz on one n x n
 * matrix, a Muon-like step through the executor, then PyTorch doing the same Newton-Schulz math in the
 * same run (a child process, {@code bench/orthogonalize/torch_ns.py}). Run by {@code bench/orthogonalize/run}.
 *
 * <p>Arguments: n (default 768), rounds (default 5), and the Python interpreter (default /usr/bin/python3;
 * "none" skips the PyTorch rows).
 */
public final class OrthogonalizeBench {
    private static final Program MUON_LIKE = Program.parse("""
            def train(w, g, m, lr, beta=0.95, lr_scale=0.02):
              m = interp(g, m, beta)
              n = interp(g, m, beta)
              o = orthogonalize(n)
              s = shape_factor(n)
              u = o * s
              lr = lr * lr_scale
              u = u * lr
              return u, m
            """);

    private OrthogonalizeBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 768;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String python = args.length > 2 ? args[2] : "/usr/bin/python3";
        float[] a = random(n * n, 1);
        float[] b = random(n * n, 2);
        float[] c = new float[n * n];
        double gemmFlops = 2.0 * n * n * n;
        double gemm = best(rounds * 2, () -> Gemm.multiplyAdd(n, n, n, a, 0, n, b, 0, n, c, 0, n));
        NewtonSchulz ns = new NewtonSchulz();
        float[] out = new float[n * n];
        double nsSeconds = best(rounds, () -> ns.apply(a, 0, n, n, out, 0));
        double nsFlops = NewtonSchulz.flops(n, n);
        ParamLayout layout = new ParamLayout(List.of(new ParamLayout.Segment("hidden", 0, n * n, n)));
        Executor executor = Executor.fused(MUON_LIKE, layout);
        float[] w = random(n * n, 3);
        float[][] state = executor.newState();
        double step = best(rounds, () -> executor.step(w, b, state, 1f));
        System.out.printf(Locale.ROOT, "n = %d, one thread, best of %d%n", n, rounds);
        System.out.printf(Locale.ROOT, "%-44s %9s %9s%n", "what", "ms", "GFLOP/s");
        row("OptSearch GEMM kernel (Gemm.multiplyAdd, n^3)", gemm, gemmFlops);
        row("OptSearch Newton-Schulz (5 iterations)", nsSeconds, nsFlops);
        row("OptSearch Muon-like step (executor)", step, nsFlops);
        if (!python.equals("none")) {
            for (String line : torch(python, n, rounds)) {
                System.out.println(line);
            }
        }
    }

    private static void row(String what, double seconds, double flops) {
        System.out.printf(Locale.ROOT, "%-44s %9.2f %9.1f%n", what, seconds * 1e3, flops / seconds / 1e9);
    }

    private static List<String> torch(String python, int n, int rounds) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("bench.dir", "bench/orthogonalize"), "torch_ns.py");
        Process p = new ProcessBuilder(python, script.toString(), Integer.toString(n), Integer.toString(rounds))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            return List.of("PyTorch: not run (" + python + " exited with " + code + "): " + text.strip());
        }
        return text.lines().toList();
    }

    private static double best(int rounds, Runnable work) {
        work.run(); // warm-up: JIT and scratch buffers
        work.run();
        double best = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    private static float[] random(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rnd.nextDouble() - 0.5);
        }
        return x;
    }
}
