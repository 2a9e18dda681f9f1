package org.optsearch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.TreeMap;
import org.optsearch.train.run.Scoring;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;

/** Results of many trainings summarized per task and program: means and spreads over seeds. */
final class ComparisonTable {
    private ComparisonTable() {
    }

    /** One task and program over its seeds; means over the runs that did not diverge. */
    record Row(String task, String program, int runs, int diverged, double fitnessMean, double fitnessStd,
            double lossMean, double lossStd, double seconds, double normalized) {
    }

    /** Rows per task and program; {@code normalized} is against the first program on the same task. */
    static List<Row> rows(List<Task> tasks, Collection<String> programs, List<TrainResult> results) {
        List<Row> rows = new ArrayList<>();
        for (Task task : tasks) {
            double chance = Scoring.chance(task);
            double reference = Double.NaN;
            for (String program : programs) {
                List<TrainResult> mine = results.stream()
                        .filter(r -> r.task().equals(task.name()) && r.program().equals(program)).toList();
                List<TrainResult> ok = mine.stream().filter(r -> !r.diverged()).toList();
                double[] fitness = ok.stream().mapToDouble(TrainResult::fitness).toArray();
                double[] loss = ok.stream().mapToDouble(TrainResult::valLoss).toArray();
                double seconds = mine.stream().mapToDouble(TrainResult::seconds).average().orElse(Double.NaN);
                double fitnessMean = ok.isEmpty() ? TrainResult.FAILED : mean(fitness);
                if (Double.isNaN(reference)) {
                    reference = fitnessMean;
                }
                rows.add(new Row(task.name(), program, mine.size(), mine.size() - ok.size(), mean(fitness),
                        std(fitness), mean(loss), std(loss), seconds, Scoring.normalized(fitnessMean, reference, chance)));
            }
        }
        return rows;
    }

    static void print(PrintWriter out, List<Row> rows) {
        int taskWidth = Math.max(4, rows.stream().mapToInt(r -> r.task().length()).max().orElse(4));
        int programWidth = Math.max(7, rows.stream().mapToInt(r -> r.program().length()).max().orElse(7));
        String format = "%-" + taskWidth + "s  %-" + programWidth + "s  %20s  %20s  %10s  %8s  %7s%n";
        out.printf(Locale.ROOT, format, "task", "program", "fitness (mean +- sd)", "val loss (mean +- sd)",
                "normalized", "diverged", "s/run");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, r.task(), r.program(), meanSd(r.fitnessMean(), r.fitnessStd()),
                    meanSd(r.lossMean(), r.lossStd()), fixed(r.normalized()), r.diverged() + "/" + r.runs(),
                    String.format(Locale.ROOT, "%.2f", r.seconds()));
        }
        out.println();
        out.println("normalized: 0 = chance, 1 = the first program on the same task; mean over tasks:");
        Map<String, List<Double>> byProgram = new LinkedHashMap<>();
        for (Row r : rows) {
            byProgram.computeIfAbsent(r.program(), k -> new ArrayList<>()).add(r.normalized());
        }
        byProgram.forEach((program, scores) -> out.printf(Locale.ROOT, "  %-" + programWidth + "s  %s%n", program,
                fixed(mean(scores.stream().mapToDouble(Double::doubleValue).toArray()))));
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("task,program,runs,diverged,fitness_mean,fitness_sd,val_loss_mean,"
                + "val_loss_sd,seconds_per_run,normalized\n");
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%s,%s,%s,%s,%.3f,%s%n", r.task(), r.program(), r.runs(),
                    r.diverged(), r.fitnessMean(), r.fitnessStd(), r.lossMean(), r.lossStd(), r.seconds(),
                    r.normalized()));
        }
        return b.toString();
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
