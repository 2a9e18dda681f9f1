package org.optsearch.peers;

import java.util.Locale;

/**
 * One implementation's timing of one workload, as the tab-separated line every runner prints (the Python
 * runner too): {@code result impl workload round median_ms p10_ms p90_ms min_ms steps initial_loss
 * last_loss params cpu_per_wall}. {@code last_loss} is the loss after all the steps on the one batch; it
 * only shows that the network trained.
 */
public record Result(String impl, String workload, int round, Timing.Stats stats, double initialLoss,
        double lastLoss, long params) {

    public String line() {
        return String.format(Locale.ROOT, "result\t%s\t%s\t%d\t%.5f\t%.5f\t%.5f\t%.5f\t%d\t%.5f\t%.5f\t%d\t%.3f",
                impl, workload, round, stats.median(), stats.p10(), stats.p90(), stats.min(), stats.steps(),
                initialLoss, lastLoss, params, stats.cpuPerWall());
    }

    /** Parses a line made by {@link #line()}. */
    public static Result parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 13 || !f[0].equals("result")) {
            throw new IllegalArgumentException("not a result line (13 tab-separated fields starting with 'result'): "
                    + line);
        }
        Timing.Stats stats = new Timing.Stats(Integer.parseInt(f[8]), Double.parseDouble(f[4]),
                Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                Double.parseDouble(f[12]));
        return new Result(f[1], f[2], Integer.parseInt(f[3]), stats, Double.parseDouble(f[9]),
                Double.parseDouble(f[10]), Long.parseLong(f[11]));
    }
}
