package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.optsearch.lang.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code optsearch bench step}: memory throughput of one update step, next to a STREAM triad. */
@Command(name = "step",
        header = "Time one update step (reference, fused) against a STREAM triad, in GB/s.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Times one update step of a program over N floats, single-threaded, with the reference "
                    + "interpreter and the fused executor, and a STREAM triad a[i] = b[i] + s*c[i] over N floats "
                    + "in the same run. Prints GB/s (1e9 bytes/s) of logical traffic: 4*N*(3 + 2*slots) bytes "
                    + "per executor step (read w, g and each slot; write w and each slot), 12*N per triad.",
            "Inputs: w and g from N(0,1) with a fixed seed, state zero, lr = 1.0. Each kernel warms up, then "
                    + "the best of its timed steps is reported (the reference gets at most "
                    + StepBench.REFERENCE_MAX_REPEATS + " timed steps: it is slow on purpose)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:measured", "2:invalid program, unreadable file or bad usage"})
final class BenchStepCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--program", required = true, paramLabel = "FILE", description = "The program to run (.opt).")
    private Path programFile;

    @Option(names = "--size", paramLabel = "N", defaultValue = "10000000", converter = SizeConverter.class,
            description = "Number of floats per buffer; 1_000_000 and 1M also work (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "5",
            description = "Timed steps for the fused executor and the triad; the reference gets min(K, "
                    + StepBench.REFERENCE_MAX_REPEATS + ") (default: ${DEFAULT-VALUE}).")
    private int repeat;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + StepInputs.DEFAULT_SEED,
            description = "Seed of the random inputs (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--json", description = "Print one JSON object instead of text. Keys: program, size, "
            + "referenceGBs, fusedGBs, triadGBs, fusedOverTriad, fusedOverReference, and details.")
    private boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (repeat < 1) {
            throw new CliException("--repeat must be >= 1, got " + repeat);
        }
        Program program = ProgramFile.readValid(programFile, err);
        String name = programFile.toString();
        int slots = program.slotCount();
        if (!json) {
            out.printf(Locale.ROOT, "bench step: %s, N = %,d floats, %d state slot%s, lr = %.1f, seed %d%n",
                    name, size, slots, slots == 1 ? "" : "s", StepInputs.LR, seed);
            out.printf(Locale.ROOT, "bytes per step: executors 4*N*(3+2*%d) = %s, triad 12*N = %s%n", slots,
                    megabytes(StepBench.executorBytes(size, slots)), megabytes(StepBench.triadBytes(size)));
            out.flush();
        }
        StepBench.Timing triad;
        StepBench.Timing fused;
        StepBench.Timing reference;
        try {
            triad = StepBench.triad(size, repeat, seed);
            report(out, triad);
            fused = StepBench.fused(program, size, repeat, seed);
            report(out, fused);
            reference = StepBench.reference(program, size, repeat, seed);
            report(out, reference);
        } catch (org.optsearch.lang.ProgramException e) {
            throw new CliException(name + ":" + e.getMessage() + " (bench step lays its N floats out as one 1-D tensor)");
        } catch (OutOfMemoryError e) {
            throw new CliException("not enough memory for --size " + size + " (the JVM may use "
                    + megabytes(Runtime.getRuntime().maxMemory()) + "); use a smaller --size or give the JVM "
                    + "more heap, e.g. OPTSEARCH_JAVA_OPTS=-Xmx16g");
        }
        if (json) {
            out.println(toJson(name, slots, triad, fused, reference));
        } else {
            out.printf(Locale.ROOT, "  fused/triad      %6.2f%n", fused.bestGBs() / triad.bestGBs());
            out.printf(Locale.ROOT, "  fused/reference  %6.2f%n", fused.bestGBs() / reference.bestGBs());
            if (fused.nonFinite() > 0 || reference.nonFinite() > 0) {
                out.printf(Locale.ROOT, "  note: the last step wrote non-finite values (fused %d, reference %d)%n",
                        fused.nonFinite(), reference.nonFinite());
            }
        }
        out.flush();
        return 0;
    }

    private void report(PrintWriter out, StepBench.Timing t) {
        if (json) {
            return;
        }
        out.printf(Locale.ROOT, "  %-10s %8.2f GB/s  %9.2f ms/step  (best of %d timed step%s after %d warm-up%s)%n",
                t.name(), t.bestGBs(), t.bestMillis(), t.repeats(), t.repeats() == 1 ? "" : "s",
                t.warmups(), t.warmups() == 1 ? "" : "s");
        out.flush();
    }

    private String toJson(String name, int slots, StepBench.Timing triad, StepBench.Timing fused,
            StepBench.Timing reference) {
        ObjectNode o = JSON.createObjectNode();
        o.put("program", name);
        o.put("size", size);
        o.put("referenceGBs", reference.bestGBs());
        o.put("fusedGBs", fused.bestGBs());
        o.put("triadGBs", triad.bestGBs());
        o.put("fusedOverTriad", fused.bestGBs() / triad.bestGBs());
        o.put("fusedOverReference", fused.bestGBs() / reference.bestGBs());
        o.put("statistic", "best");
        o.put("slots", slots);
        o.put("seed", seed);
        o.put("lr", StepInputs.LR);
        ObjectNode details = o.putObject("details");
        for (StepBench.Timing t : new StepBench.Timing[] {reference, fused, triad}) {
            ObjectNode d = details.putObject(t.name());
            d.put("bytesPerStep", t.bytesPerStep());
            d.put("warmups", t.warmups());
            d.put("repeats", t.repeats());
            d.put("bestMs", t.bestMillis());
            d.put("medianMs", t.medianNanos() / 1e6);
            d.put("medianGBs", t.medianGBs());
            d.put("nonFinite", t.nonFinite());
        }
        return o.toString();
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
