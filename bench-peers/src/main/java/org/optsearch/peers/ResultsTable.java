package org.optsearch.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Puts the result lines of every runner side by side: ms per step for OptSearch, DJL and PyTorch, the ratios
 * DJL/OptSearch and PyTorch/OptSearch, the initial losses, and the project's speed targets. With several rounds, a
 * cell is the median of the rounds' medians. {@link OptimStepTable} reads its results, combines rounds and writes
 * its targets with the methods here.
 *
 * <pre>java -cp ... org.optsearch.peers.ResultsTable RESULTS.tsv</pre>
 */
public final class ResultsTable {
    static final String[] IMPLS = {"optsearch", "djl", "pytorch"};

    /** A speed target: {@code impl} at least {@code factor} times slower than OptSearch on {@code workload}. */
    record Target(String workload, String impl, double factor) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("mlp-64-64-10", "djl", 4), new Target("mlp-64-64-10", "pytorch", 3),
            new Target("mlp-784-256-10", "djl", 1), new Target("mlp-784-256-10", "pytorch", 1),
            new Target("charlm-S", "djl", 1), new Target("charlm-S", "pytorch", 1));

    /** The head of the targets table, after a blank line; {@link #targetRow} gives its rows. */
    static final String TARGETS_HEADER = "\n| target | measured | met? |\n|---|---|---|\n";

    private ResultsTable() {
    }

    public static void main(String[] args) throws IOException {
        print(args, "ResultsTable RESULTS.tsv", ResultsTable::render);
    }

    /**
     * What both tables' mains do: reads the result lines of the one file named in {@code args} (the runners'
     * output, with their {@code info} lines) and prints {@code render} of them; without one file, prints
     * {@code usage: USAGE} and exits with status 2.
     */
    static void print(String[] args, String usage, Function<List<Result>, String> render) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: " + usage);
            System.exit(2);
        }
        List<Result> results = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("result\t")) {
                results.add(Result.parse(line));
            }
        }
        System.out.print(render.apply(results));
    }

    /** The markdown tables for {@code results}. */
    static String render(List<Result> results) {
        Map<String, Map<String, List<Result>>> byWorkload = new LinkedHashMap<>();
        for (Workload w : Workload.values()) {
            byWorkload.put(w.label(), new LinkedHashMap<>());
        }
        for (Result r : results) {
            byWorkload.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder();
        out.append("| workload | params | OptSearch ms/step | DJL ms/step | PyTorch ms/step | DJL/OptSearch |"
                + " PyTorch/OptSearch | initial loss (OptSearch / DJL / PyTorch) | CPU/wall |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (var e : byWorkload.entrySet()) {
            Map<String, List<Result>> impls = e.getValue();
            if (impls.isEmpty()) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + e.getKey() + " | " + params(impls) + " |");
            for (String impl : IMPLS) {
                row.append(' ').append(cell(impls.get(impl))).append(" |");
            }
            double base = median(impls.get("optsearch"));
            for (String impl : new String[] {"djl", "pytorch"}) {
                double m = median(impls.get(impl));
                row.append(Double.isNaN(base) || Double.isNaN(m) ? " — |" : String.format(Locale.ROOT, " **%.2f** |",
                        m / base));
            }
            List<String> losses = new ArrayList<>();
            List<String> cpu = new ArrayList<>();
            for (String impl : IMPLS) {
                List<Result> rs = impls.get(impl);
                losses.add(rs == null ? "—" : String.format(Locale.ROOT, "%.3f", rs.get(0).initialLoss()));
                cpu.add(rs == null ? "—" : cpuRange(rs));
            }
            row.append(' ').append(String.join(" / ", losses)).append(" | ").append(String.join(" / ", cpu))
                    .append(" |\n");
            out.append(row);
        }
        out.append("\nms/step: median over the timed steps [10th–90th percentile]");
        int rounds = results.stream().mapToInt(Result::round).max().orElse(1);
        out.append(rounds > 1 ? "; with " + rounds + " rounds, the median of the rounds' medians"
                + " and the lowest 10th and highest 90th percentile" : "");
        out.append(". CPU/wall: the process's CPU time over wall time while timing (OptSearch / DJL / PyTorch;"
                + " lowest–highest of the rounds): about 1 is one busy thread; well above 1, more threads; below 1,"
                + " the process waited for a CPU (other work on the machine).\n");
        out.append(TARGETS_HEADER);
        for (Target t : TARGETS) {
            Map<String, List<Result>> impls = byWorkload.getOrDefault(t.workload(), Map.of());
            String name = t.impl().equals("djl") ? "DJL" : "PyTorch";
            String goal = t.factor() == 1 ? "OptSearch no slower than " + name + " on " + t.workload()
                    : String.format(Locale.ROOT, "OptSearch ≥ %.0fx faster than %s on %s", t.factor(), name,
                            t.workload());
            out.append(targetRow(goal, median(impls.get(t.impl())) / median(impls.get("optsearch")), t.factor()));
        }
        return out.toString();
    }

    /**
     * A row of the targets table: {@code goal}, the measured {@code ratio} (slower over faster; NaN where a side
     * did not run) and whether it reaches {@code factor}.
     */
    static String targetRow(String goal, double ratio, double factor) {
        String measured = Double.isNaN(ratio) ? "not run" : String.format(Locale.ROOT, "%.2fx", ratio);
        String met = Double.isNaN(ratio) ? "—" : ratio >= factor ? "yes" : "no";
        return "| " + goal + " | " + measured + " | " + met + " |\n";
    }

    private static String params(Map<String, List<Result>> impls) {
        List<String> counts = new ArrayList<>();
        for (String impl : IMPLS) {
            List<Result> rs = impls.get(impl);
            if (rs != null && !counts.contains(Long.toString(rs.get(0).params()))) {
                counts.add(Long.toString(rs.get(0).params()));
            }
        }
        // One number when all implementations built the same network; otherwise each, to show the mismatch.
        return String.join(" ≠ ", counts);
    }

    private static String cpuRange(List<Result> rs) {
        double lo = rs.stream().mapToDouble(r -> r.stats().cpuPerWall()).min().orElse(Double.NaN);
        double hi = rs.stream().mapToDouble(r -> r.stats().cpuPerWall()).max().orElse(Double.NaN);
        return String.format(Locale.ROOT, Math.abs(hi - lo) < 0.005 ? "%.2f" : "%.2f–%.2f", lo, hi);
    }

    private static String cell(List<Result> rs) {
        if (rs == null) {
            return "—";
        }
        return String.format(Locale.ROOT, "%s [%s–%s]", ms(median(rs)), ms(lowestP10(rs)), ms(highestP90(rs)));
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 1 ? "%.4f" : v < 10 ? "%.3f" : "%.2f", v);
    }

    /** The lowest 10th percentile of the rounds: the low end of a cell's range. */
    static double lowestP10(List<Result> rs) {
        return rs.stream().mapToDouble(r -> r.stats().p10()).min().orElse(Double.NaN);
    }

    /** The highest 90th percentile of the rounds: the high end of a cell's range. */
    static double highestP90(List<Result> rs) {
        return rs.stream().mapToDouble(r -> r.stats().p90()).max().orElse(Double.NaN);
    }

    /** The median of the rounds' medians; NaN for none. */
    static double median(List<Result> rs) {
        if (rs == null || rs.isEmpty()) {
            return Double.NaN;
        }
        double[] m = rs.stream().mapToDouble(r -> r.stats().median()).sorted().toArray();
        return Timing.Stats.quantile(m, 0.5);
    }
}
