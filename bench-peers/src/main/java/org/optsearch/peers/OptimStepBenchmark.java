package org.optsearch.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One optimizer step on one tensor of 10^7 parameters, single-threaded: our Lion and AdamW on Java arrays,
 * DJL's built-in Adam and AdamW and our DJL adapter on one DJL array (its {@code update} called directly, as
 * a Trainer calls it per parameter), and two other ways the adapter could have been written (see
 * {@link DjlLionStrategies}). Prints a {@link Result} line per implementation ({@code workload} is
 * {@code step-<params>}); PyTorch's rows come from {@code torch_optim_step.py}, and
 * {@link OptimStepTable} puts them side by side. {@code bench-peers/run optim} runs all of it.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... org.optsearch.peers.OptimStepBenchmark
 *     [--impls optsearch-lion,...] [--params 10000000] [--round 1] [--seed 1]
 *     [--warmup-s 2] [--warmup-steps 10] [--measure-s 4] [--measure-steps 30] [--max-steps 100000]
 * </pre>
 */
public final class OptimStepBenchmark {

    /** Every implementation this JVM runs, in the order it runs them. */
    static final List<String> IMPLS = List.of("optsearch-lion", "optsearch-adamw", "djl-adam", "djl-adamw",
            "adapter-lion", "adapter-lion-arrays", "djl-ops-lion");

    private OptimStepBenchmark() {
    }

    public static void main(String[] args) {
        Options o = new Options();
        o.parseOrExit("OptimStepBenchmark", args);
        String workload = "step-" + o.params;
        for (String impl : o.impls) {
            try (StepRunner runner = OptimStepRunners.create(impl, o.params, o.seed)) {
                runner.step();
                Timing.Stats s = o.timing.run(runner);
                Result r = new Result(impl, workload, o.round, s, 0, 0, runner.parameterCount());
                System.out.println(r.line());
                System.out.flush();
            }
        }
    }

    /** --impls and --params; the seed, round and timing options (with this benchmark's defaults) as every runner's. */
    private static final class Options extends BenchOptions {
        List<String> impls = IMPLS;
        int params = 10_000_000;

        Options() {
            super(2, 10, 4, 30, "--impls, --params, --round, --seed, --warmup-s, --warmup-steps, --measure-s,"
                    + " --measure-steps, --max-steps");
        }

        @Override
        boolean readOwn(String flag, String value) {
            switch (flag) {
                case "--impls" -> {
                    List<String> list = new ArrayList<>();
                    for (String name : value.split(",")) {
                        String impl = name.trim().toLowerCase(Locale.ROOT);
                        if (!IMPLS.contains(impl)) {
                            throw new IllegalArgumentException("unknown implementation '" + impl + "'; known: "
                                    + String.join(", ", IMPLS));
                        }
                        list.add(impl);
                    }
                    impls = list;
                }
                case "--params" -> params = Integer.parseInt(value);
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        void check() {
            if (params < 1) {
                throw new IllegalArgumentException("--params must be >= 1, got " + params);
            }
        }
    }
}
