package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.optsearch.train.run.PairedDifference;
import org.optsearch.train.run.Scoring;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;

/**
 * Results of many trainings summarized per task and program, over seeds. Every seed counts: a diverged
 * run scores as chance (normalized 0) in the fitness mean, so a program that diverges on some seeds is
 * not flattered by the ones that survived. Each program after the first is paired with the first by seed.
 */
final class ComparisonTable {
    private ComparisonTable() {
    }

    /** One training of a comparison: its seed and its result. */
    record Run(long seed, TrainResult result) {
    }

    /**
     * One task and program over its seeds.
     *
     * @param seeds      in order
     * @param fitness    per seed as trained ({@link TrainResult#FAILED} when diverged)
     * @param scored     per seed as counted: a diverged run's fitness is the task's chance level
     * @param lossMean   validation loss over the runs that finished (NaN if none)
     * @param normalized the scored mean against the first program's on the same task: 0 chance, 1 equal
     * @param paired     scored fitness minus the first program's, paired by seed; null for the first program
     */
    record Row(String task, String program, long[] seeds, double[] fitness, double[] scored, int diverged,
            double fitnessMean, double fitnessStd, double lossMean, double lossStd, double seconds,
            double normalized, PairedDifference paired) {
        int runs() {
            return seeds.length;
        }
    }

    /** Rows per task and program; the first program is the reference of {@code normalized} and the pairs. */
    static List<Row> rows(List<Task> tasks, Collection<String> programs, List<Run> runs) {
        List<Row> rows = new ArrayList<>();
        for (Task task : tasks) {
            double chance = Scoring.chance(task);
            double reference = Double.NaN;
            Row first = null;
            for (String program : programs) {
                List<Run> mine = runs.stream().filter(r -> r.result().task().equals(task.name())
                        && r.result().program().equals(program)).toList();
                long[] seeds = mine.stream().mapToLong(Run::seed).toArray();
                double[] fitness = mine.stream().mapToDouble(r -> r.result().fitness()).toArray();
                double[] scored = mine.stream().mapToDouble(r -> r.result().diverged() ? chance : r.result().fitness())
                        .toArray();
                List<TrainResult> finished = mine.stream().map(Run::result).filter(r -> !r.diverged()).toList();
                double[] loss = finished.stream().mapToDouble(TrainResult::valLoss).toArray();
                double seconds = mine.stream().mapToDouble(r -> r.result().seconds()).average().orElse(Double.NaN);
                double fitnessMean = mean(scored);
                if (first == null) {
                    reference = fitnessMean;
                }
                PairedDifference paired = first == null || !java.util.Arrays.equals(first.seeds(), seeds)
                        || seeds.length == 0 ? null : PairedDifference.of(first.scored(), scored);
                Row row = new Row(task.name(), program, seeds, fitness, scored, mine.size() - finished.size(),
                        fitnessMean, std(scored), mean(loss), std(loss), seconds,
                        Scoring.normalized(fitnessMean, reference, chance), paired);
                rows.add(row);
                if (first == null) {
                    first = row;
                }
            }
        }
        return rows;
    }

    static void print(PrintWriter out, List<Row> rows) {
        List<String> fitness = rows.stream().map(ComparisonTable::fitnessCell).toList();
        int taskWidth = Math.max(4, rows.stream().mapToInt(r -> r.task().length()).max().orElse(4));
        int programWidth = Math.max(7, rows.stream().mapToInt(r -> r.program().length()).max().orElse(7));
        int fitnessWidth = Math.max(20, fitness.stream().mapToInt(String::length).max().orElse(20));
        String format = "%-" + taskWidth + "s  %-" + programWidth + "s  %-" + fitnessWidth + "s  %22s  %10s  %7s%n";
        out.printf(Locale.ROOT, format, "task", "program", "fitness (mean +- sd)", "val loss (finished runs)",
                "normalized", "s/run");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            out.printf(Locale.ROOT, format, r.task(), r.program(), fitness.get(i), meanSd(r.lossMean(), r.lossStd()),
                    fixed(r.normalized()), String.format(Locale.ROOT, "%.2f", r.seconds()));
        }
        out.println();
        out.println("a diverged run counts as chance (normalized 0); val loss is over the runs that finished.");
        out.println("normalized: 0 = chance, 1 = the first program on the same task; mean over tasks:");
        Map<String, List<Double>> byProgram = new LinkedHashMap<>();
        for (Row r : rows) {
            byProgram.computeIfAbsent(r.program(), k -> new ArrayList<>()).add(r.normalized());
        }
        byProgram.forEach((program, scores) -> out.printf(Locale.ROOT, "  %-" + programWidth + "s  %s%n", program,
                fixed(mean(scores.stream().mapToDouble(Double::doubleValue).toArray()))));
        List<Row> pairs = rows.stream().filter(r -> r.paired() != null).toList();
        if (pairs.isEmpty()) {
            return;
        }
        out.println();
        out.println("paired by seed against the first program: mean fitness difference (this minus first) "
                + "and its 95% interval (t):");
        Map<String, String> firstOf = new LinkedHashMap<>();
        rows.forEach(r -> firstOf.putIfAbsent(r.task(), r.program()));
        for (Row r : pairs) {
            PairedDifference d = r.paired();
            out.printf(Locale.ROOT, "  %-" + taskWidth + "s  %-" + programWidth + "s  %+.4f  %-21s  %d seed%s: %s%n",
                    r.task(), r.program(), d.mean(), interval(d), d.n(), d.n() == 1 ? "" : "s",
                    verdict(d, firstOf.get(r.task())));
        }
    }

    private static String fitnessCell(Row r) {
        String cell = meanSd(r.fitnessMean(), r.fitnessStd());
        return r.diverged() == 0 ? cell : cell + " (" + r.diverged() + " of " + r.runs() + " diverged)";
    }

    private static String interval(PairedDifference d) {
        return Double.isNaN(d.low()) ? "[no interval]"
                : String.format(Locale.ROOT, "[%+.4f, %+.4f]", d.low(), d.high());
    }

    private static String verdict(PairedDifference d, String first) {
        return switch (d.verdict()) {
            case BETTER -> "better than " + first;
            case WORSE -> "worse than " + first;
            case UNCLEAR -> "not distinguishable from " + first + " with these seeds";
            case TOO_FEW -> "one seed gives no interval; use --seeds 3 or more";
        };
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("task,program,seeds,runs,diverged,fitness_per_seed,fitness_mean,"
                + "fitness_sd,val_loss_mean,val_loss_sd,seconds_per_run,normalized,diff_vs_first_mean,"
                + "diff_vs_first_ci_low,diff_vs_first_ci_high\n");
        for (Row r : rows) {
            List<String> seeds = new ArrayList<>();
            List<String> perSeed = new ArrayList<>();
            for (int i = 0; i < r.runs(); i++) {
                seeds.add(Long.toString(r.seeds()[i]));
                perSeed.add(r.fitness()[i] == TrainResult.FAILED ? "diverged" : Double.toString(r.fitness()[i]));
            }
            PairedDifference d = r.paired();
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%s,%s,%s,%s,%s,%.3f,%s,%s,%s,%s%n", r.task(),
                    r.program(), String.join(";", seeds), r.runs(), r.diverged(), String.join(";", perSeed),
                    r.fitnessMean(), r.fitnessStd(), r.lossMean(), r.lossStd(), r.seconds(), r.normalized(),
                    d == null ? "" : d.mean(), d == null ? "" : d.low(), d == null ? "" : d.high()));
        }
        return b.toString();
    }

    /** The rows as JSON: per-seed values (null fitness for a diverged seed), counts, means and pairs. */
    static ArrayNode json(List<Row> rows) {
        ArrayNode all = new ObjectMapper().createArrayNode();
        for (Row r : rows) {
            ObjectNode o = all.addObject();
            o.put("task", r.task());
            o.put("program", r.program());
            o.put("runs", r.runs());
            o.put("diverged", r.diverged());
            ArrayNode seeds = o.putArray("perSeed");
            for (int i = 0; i < r.runs(); i++) {
                ObjectNode s = seeds.addObject();
                s.put("seed", r.seeds()[i]);
                s.put("diverged", r.fitness()[i] == TrainResult.FAILED);
                number(s, "fitness", r.fitness()[i]);
                number(s, "scored", r.scored()[i]);
            }
            number(o, "fitnessMean", r.fitnessMean());
            number(o, "fitnessSd", r.fitnessStd());
            number(o, "valLossMean", r.lossMean());
            number(o, "valLossSd", r.lossStd());
            number(o, "normalized", r.normalized());
            if (r.paired() != null) {
                ObjectNode p = o.putObject("vsFirst");
                p.put("pairs", r.paired().n());
                number(p, "meanDifference", r.paired().mean());
                number(p, "ciLow", r.paired().low());
                number(p, "ciHigh", r.paired().high());
                p.put("verdict", r.paired().verdict().name().toLowerCase(Locale.ROOT));
            }
        }
        return all;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** The validation loss curve averaged over seeds (runs that stopped early are left out), or null if none finished. */
    static CurvePlot.Line meanCurve(String task, String program, List<TrainResult> results) {
        TreeMap<Integer, double[]> sums = new TreeMap<>();
        for (TrainResult r : results) {
            if (!r.task().equals(task) || !r.program().equals(program) || r.diverged()) {
                continue;
            }
            for (TrainResult.Point p : r.curve()) {
                double[] s = sums.computeIfAbsent(p.step(), k -> new double[2]);
                s[0] += p.valLoss();
                s[1]++;
            }
        }
        double[] steps = sums.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] values = sums.values().stream().mapToDouble(s -> s[0] / s[1]).toArray();
        if (steps.length == 0) {
            return null; // every run diverged: nothing to draw
        }
        return new CurvePlot.Line(program, steps, values);
    }

    private static String meanSd(double mean, double sd) {
        return Double.isNaN(mean) ? "-" : String.format(Locale.ROOT, "%.4f +- %.4f", mean, sd);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    static double std(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
