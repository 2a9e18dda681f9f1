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
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("OptimStepBenchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
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

    private record Options(List<String> impls, int params, int round, long seed, Timing timing) {
        static Options parse(String[] args) {
            List<String> impls = IMPLS;
            int params = 10_000_000;
            int round = 1;
            long seed = 1;
            double warmupSeconds = 2;
            int warmupSteps = 10;
            double measureSeconds = 4;
            int measureSteps = 30;
            int maxSteps = 100_000;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + flag + " needs a value");
                }
                String value = args[++i];
                try {
                    switch (flag) {
                        case "--impls" -> {
                            List<String> list = new ArrayList<>();
                            for (String name : value.split(",")) {
                                String impl = name.trim().toLowerCase(Locale.ROOT);
                                if (!IMPLS.contains(impl)) {
                                    throw new IllegalArgumentException("unknown implementation '" + impl
                                            + "'; known: " + String.join(", ", IMPLS));
                                }
                                list.add(impl);
                            }
                            impls = list;
                        }
                        case "--params" -> params = Integer.parseInt(value);
                        case "--round" -> round = Integer.parseInt(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--warmup-s" -> warmupSeconds = Double.parseDouble(value);
                        case "--warmup-steps" -> warmupSteps = Integer.parseInt(value);
                        case "--measure-s" -> measureSeconds = Double.parseDouble(value);
                        case "--measure-steps" -> measureSteps = Integer.parseInt(value);
                        case "--max-steps" -> maxSteps = Integer.parseInt(value);
                        default -> throw new IllegalArgumentException("unknown option " + flag + "; options: --impls,"
                                + " --params, --round, --seed, --warmup-s, --warmup-steps, --measure-s,"
                                + " --measure-steps, --max-steps");
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
                }
            }
            if (params < 1) {
                throw new IllegalArgumentException("--params must be >= 1, got " + params);
            }
            return new Options(impls, params, round, seed,
                    new Timing(warmupSeconds, warmupSteps, measureSeconds, measureSteps, maxSteps));
        }
    }
}
