package org.optsearch.peers;

/**
 * The command line of a benchmark main ({@link PeersBenchmark}, {@link OptimStepBenchmark}): {@code --flag value}
 * pairs. Every benchmark reads {@code --seed}, {@code --round} and the {@link Timing} options here, with its own
 * timing defaults, so that {@code bench-peers/run} can hand the same arguments to each runner; a subclass reads the
 * benchmark's own options in {@link #readOwn} and checks them in {@link #check}.
 */
abstract class BenchOptions {
    long seed = 1;
    int round = 1;
    /** Set by {@link #parse}. */
    Timing timing;

    private double warmupSeconds;
    private int warmupSteps;
    private double measureSeconds;
    private int measureSteps;
    private int maxSteps = 100_000;
    private final String optionNames;

    /**
     * @param optionNames every option the benchmark takes, for the message about an unknown one
     */
    BenchOptions(double warmupSeconds, int warmupSteps, double measureSeconds, int measureSteps,
            String optionNames) {
        this.warmupSeconds = warmupSeconds;
        this.warmupSteps = warmupSteps;
        this.measureSeconds = measureSeconds;
        this.measureSteps = measureSteps;
        this.optionNames = optionNames;
    }

    /**
     * Reads {@code value} when {@code flag} is one of the benchmark's own options.
     *
     * @return false when it is not
     * @throws NumberFormatException    for a value that should be a number and is not
     * @throws IllegalArgumentException for another bad value
     */
    abstract boolean readOwn(String flag, String value);

    /** Checks the benchmark's own options once all are read; throws IllegalArgumentException. */
    void check() {
    }

    /** Reads {@code args}; on a bad command line prints {@code program: why} and exits with status 2. */
    final void parseOrExit(String program, String[] args) {
        try {
            parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** Reads {@code args}, checks them and sets {@link #timing}; throws IllegalArgumentException. */
    final void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + flag + " needs a value");
            }
            String value = args[++i];
            try {
                if (!readOwn(flag, value) && !readShared(flag, value)) {
                    throw new IllegalArgumentException("unknown option " + flag + "; options: " + optionNames);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
            }
        }
        check();
        timing = new Timing(warmupSeconds, warmupSteps, measureSeconds, measureSteps, maxSteps);
    }

    private boolean readShared(String flag, String value) {
        switch (flag) {
            case "--seed" -> seed = Long.parseLong(value);
            case "--round" -> round = Integer.parseInt(value);
            case "--warmup-s" -> warmupSeconds = Double.parseDouble(value);
            case "--warmup-steps" -> warmupSteps = Integer.parseInt(value);
            case "--measure-s" -> measureSeconds = Double.parseDouble(value);
            case "--measure-steps" -> measureSteps = Integer.parseInt(value);
            case "--max-steps" -> maxSteps = Integer.parseInt(value);
            default -> {
                return false;
            }
        }
        return true;
    }
}
