package org.optsearch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Tuning;

/** The points {@code tune} tried, scored and ranked: best fitness first, equal fitness by validation loss. */
final class TuneTable {
    private TuneTable() {
    }

    /**
     * One point over its seeds.
     *
     * @param fitness  mean over seeds; {@link TrainResult#FAILED} when any seed diverged
     * @param valLoss  mean validation loss over seeds (NaN when any diverged)
     * @param diverged seeds that diverged
     */
    record Scored(Tuning.Point point, double fitness, double valLoss, int diverged) {
    }

    /** Best first: higher fitness, then lower validation loss; failed points last. */
    static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::fitness).reversed()
            .thenComparing(Scored::valLoss, TuneTable::lossOrder);

    private static int lossOrder(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
        }
        return Double.compare(a, b);
    }

    /** {@code results} hold {@code seeds} consecutive runs per point, in the order of {@code points}. */
    static List<Scored> score(List<Tuning.Point> points, List<TrainResult> results, int seeds) {
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            double fitness = 0;
            double loss = 0;
            int diverged = 0;
            for (int s = 0; s < seeds; s++) {
                TrainResult r = results.get(i * seeds + s);
                diverged += r.diverged() ? 1 : 0;
                fitness += r.fitness();
                loss += r.valLoss();
            }
            scored.add(diverged > 0 ? new Scored(points.get(i), TrainResult.FAILED, Double.NaN, diverged)
                    : new Scored(points.get(i), fitness / seeds, loss / seeds, 0));
        }
        scored.sort(BEST_FIRST);
        return scored;
    }

    /** One row per point, best first; the program's defaults are marked. */
    static void print(PrintWriter out, List<Tuning.Dimension> dims, List<Scored> scored, Map<String, Double> defaults) {
        StringBuilder format = new StringBuilder();
        List<Object> header = new ArrayList<>();
        for (Tuning.Dimension d : dims) {
            format.append("%-12s  ");
            header.add(d.name());
        }
        format.append("%10s  %10s  %s%n");
        header.add("fitness");
        header.add("val loss");
        header.add("");
        out.printf(Locale.ROOT, format.toString(), header.toArray());
        for (Scored s : scored) {
            List<Object> row = new ArrayList<>();
            for (Tuning.Dimension d : dims) {
                row.add(fmt(s.point().values().get(d.name())));
            }
            boolean failed = s.fitness() == TrainResult.FAILED;
            row.add(failed ? "diverged" : String.format(Locale.ROOT, "%.4f", s.fitness()));
            row.add(failed ? "-" : String.format(Locale.ROOT, "%.4f", s.valLoss()));
            boolean isDefault = s.point().values().entrySet().stream()
                    .allMatch(e -> Math.abs(e.getValue() / defaults.get(e.getKey()) - 1) < 1e-9);
            row.add(isDefault ? "(default)" : "");
            out.printf(Locale.ROOT, format.toString(), row.toArray());
        }
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
