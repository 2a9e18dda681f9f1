package org.optsearch.peers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of {@code bench-peers/run optim}: ms per optimizer step for every implementation, and how many
 * times longer each takes than our Lion on Java arrays and than our Lion inside DJL (the adapter), then the
 * issue's targets. With several rounds a cell is the median of the rounds' medians, as {@link ResultsTable}.
 *
 * <pre>java -cp ... org.optsearch.peers.OptimStepTable OPTIM-RESULTS.tsv</pre>
 */
public final class OptimStepTable {
    static final String OURS = "optsearch-lion";
    static final String ADAPTER = "adapter-lion";

    /** Every implementation, in table order, with what it is. */
    static final Map<String, String> IMPLS = new LinkedHashMap<>();

    static {
        IMPLS.put("optsearch-lion", "OptSearch Lion on float[] (Optimizers.lion)");
        IMPLS.put("optsearch-adamw", "OptSearch AdamW on float[] (Optimizers.adamw)");
        IMPLS.put("adapter-lion", "OptSearch Lion inside DJL: OptSearchOptimizer.update on an NDArray");
        IMPLS.put("adapter-lion-arrays", "(rejected design) same, copying with toFloatArray/set");
        IMPLS.put("djl-ops-lion", "(rejected design) Lion as DJL NDArray ops, in place");
        IMPLS.put("djl-adam", "DJL Adam (Optimizer.adam().update)");
        IMPLS.put("djl-adamw", "DJL AdamW (Optimizer.adamW().update)");
        IMPLS.put("pytorch-adamw", "PyTorch AdamW(foreach=True).step()");
        IMPLS.put("pytorch-lion", "PyTorch reference Lion, in-place ops");
    }

    /** A target: {@code slower} takes at least {@code factor} times as long as {@code faster}. */
    record Target(String faster, String slower, double factor) {
    }

    static final List<Target> TARGETS = List.of(new Target(OURS, "pytorch-adamw", 3), new Target(OURS, "djl-adam", 3),
            new Target(ADAPTER, "djl-adam", 1));

    private OptimStepTable() {
    }

    public static void main(String[] args) throws IOException {
        ResultsTable.print(args, "OptimStepTable OPTIM-RESULTS.tsv", OptimStepTable::render);
    }

    static String render(List<Result> results) {
        Map<String, List<Result>> byImpl = new LinkedHashMap<>();
        for (String impl : IMPLS.keySet()) {
            byImpl.put(impl, new ArrayList<>());
        }
        for (Result r : results) {
            byImpl.computeIfAbsent(r.impl(), k -> new ArrayList<>()).add(r);
        }
        String params = results.isEmpty() ? "?" : String.format(Locale.ROOT, "%,d", results.get(0).params());
        double ours = ResultsTable.median(byImpl.get(OURS));
        double adapter = ResultsTable.median(byImpl.get(ADAPTER));
        StringBuilder out = new StringBuilder();
        out.append("One optimizer step on ").append(params).append(" parameters, one thread.\n\n");
        out.append("| implementation | ms/step [p10–p90] | ns/param | ÷ OptSearch Lion | ÷ adapter Lion | CPU/wall |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (var e : byImpl.entrySet()) {
            List<Result> rs = e.getValue();
            if (rs.isEmpty()) {
                continue;
            }
            double m = ResultsTable.median(rs);
            double p10 = ResultsTable.lowestP10(rs);
            double p90 = ResultsTable.highestP90(rs);
            double cpu = rs.stream().mapToDouble(r -> r.stats().cpuPerWall()).max().orElse(Double.NaN);
            out.append(String.format(Locale.ROOT, "| %s: %s | %.2f [%.2f–%.2f] | %.2f | %s | %s | %.2f |\n",
                    e.getKey(), IMPLS.getOrDefault(e.getKey(), "?"), m, p10, p90, m * 1e6 / rs.get(0).params(),
                    ratio(m, ours), ratio(m, adapter), cpu));
        }
        out.append("\nms/step: median over the timed steps [lowest 10th – highest 90th percentile of the rounds]."
                + " ÷ X: this row's time over X's (above 1: X is that many times faster). CPU/wall: about 1 is one"
                + " busy thread; below 1, the process waited for a CPU.\n");
        out.append(ResultsTable.TARGETS_HEADER);
        for (Target t : TARGETS) {
            String goal = t.factor() == 1 ? t.faster() + " no slower than " + t.slower()
                    : String.format(Locale.ROOT, "%s ≥ %.0fx faster than %s", t.faster(), t.factor(), t.slower());
            out.append(ResultsTable.targetRow(goal,
                    ResultsTable.median(byImpl.get(t.slower())) / ResultsTable.median(byImpl.get(t.faster())),
                    t.factor()));
        }
        return out.toString();
    }

    private static String ratio(double value, double base) {
        return Double.isNaN(value) || Double.isNaN(base) ? "—" : String.format(Locale.ROOT, "%.2f", value / base);
    }
}
