package org.optsearch.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times one training step of each workload with one implementation, single-threaded, and prints a
 * tab-separated line per workload (see {@link Result}); {@code bench-peers/run} calls it once per
 * implementation and {@link ResultsTable} puts the lines side by side.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.optsearch.peers.PeersBenchmark --impl optsearch|djl
 *     [--workloads mlp-64-64-10,mlp-784-256-10,charlm-S] [--adamw programs/adamw.opt] [--seed 1] [--round 1]
 *     [--warmup-s 2] [--warmup-steps 50] [--measure-s 5] [--measure-steps 200] [--max-steps 100000]
 * </pre>
 */
public final class PeersBenchmark {

    /** The implementations this JVM can run; PyTorch runs in {@code torch_step.py}. */
    enum Impl { OPTSEARCH, DJL }

    private PeersBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Options o = new Options();
        o.parseOrExit("PeersBenchmark", args);
        if (o.impl == Impl.DJL) {
            System.out.println(DjlInfo.line());
        }
        for (Workload w : o.workloads) {
            Workload.Data data = w.data(o.seed);
            try (StepRunner runner = switch (o.impl) {
                case OPTSEARCH -> new OptSearchRunner(w, data, Files.readString(o.adamw), o.seed);
                case DJL -> new DjlRunner(w, data, o.seed);
            }) {
                double initialLoss = runner.stepWithLoss();
                Timing.Stats s = o.timing.run(runner);
                double lastLoss = runner.stepWithLoss();
                Result r = new Result(o.impl.name().toLowerCase(Locale.ROOT), w.label(), o.round, s, initialLoss,
                        lastLoss, runner.parameterCount());
                System.out.println(r.line());
                System.out.flush();
            }
        }
    }

    /** --impl, --workloads and --adamw; the seed, round and timing options (defaults here) as every runner's. */
    private static final class Options extends BenchOptions {
        Impl impl;
        List<Workload> workloads = List.of(Workload.values());
        Path adamw = Path.of("programs", "adamw.opt");

        Options() {
            super(2, 50, 5, 200, "--impl, --workloads, --adamw, --seed, --round, --warmup-s, --warmup-steps,"
                    + " --measure-s, --measure-steps, --max-steps");
        }

        @Override
        boolean readOwn(String flag, String value) {
            switch (flag) {
                case "--impl" -> impl = Impl.valueOf(value.toUpperCase(Locale.ROOT));
                case "--workloads" -> {
                    List<Workload> list = new ArrayList<>();
                    for (String name : value.split(",")) {
                        list.add(Workload.byLabel(name.trim()));
                    }
                    workloads = list;
                }
                case "--adamw" -> adamw = Path.of(value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        void check() {
            if (impl == null) {
                throw new IllegalArgumentException("--impl is required: optsearch or djl");
            }
            if (!Files.isReadable(adamw)) {
                throw new IllegalArgumentException("cannot read the AdamW program " + adamw + "; give --adamw FILE");
            }
        }
    }

    /** What DJL runs on, as an {@code info} line; in its own class so the OptSearch run never loads DJL. */
    private static final class DjlInfo {
        static String line() {
            ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
            return String.join("\t", "info", "djl", "djl=" + ai.djl.engine.Engine.getDjlVersion(),
                    "libtorch=" + engine.getVersion(),
                    "threads=" + ai.djl.pytorch.jni.JniUtils.getNumThreads(),
                    "interop_threads=" + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads(),
                    "lib=" + ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
        }
    }
}
