package org.optsearch.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optsearch.report.RunData.Curve;
import org.optsearch.report.RunData.MetaPoint;
import org.optsearch.report.RunData.StatusPoint;
import org.optsearch.report.RunData.Summary;
import org.optsearch.report.RunData.TopProgram;

/** Runs of realistic size and shape, made up from a fixed seed: what a 4-minute quick search records. */
final class Fixtures {
    private Fixtures() {
    }

    /** Text that must come out escaped wherever it lands. */
    static final String NASTY = "<script>alert(1)</script> & \"q\" 'x'";

    /** An evolve run and a constants run; the second is labeled with {@link #NASTY} text. */
    static List<RunData> twoModes() {
        return List.of(run("evolve, seed 1", "evolve", 1, 0.085, 0.30),
                run("constants " + NASTY, "constants", 2, 0.03, 0.02));
    }

    static RunData run(String label, String mode, long seed, double gain, double hashShare) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double seconds = 240;
        int n = 200;
        List<StatusPoint> status = new ArrayList<>();
        long generated = 0;
        long evaluated = 0;
        long hash = 0;
        long fingerprint = 0;
        double best = 1;
        double bestB = Double.NaN;
        double bestC = Double.NaN;
        for (int k = 1; k <= n; k++) {
            double t = seconds * k / n;
            double progress = (double) k / n;
            long children = 8 + rnd.nextInt(9);
            long hashNow = Math.round(children * hashShare * progress * (0.6 + 0.8 * rnd.nextDouble()));
            long fingerprintNow = Math.round(children * 0.06 * rnd.nextDouble());
            generated += children;
            hash += hashNow;
            fingerprint += fingerprintNow;
            evaluated += children - hashNow - fingerprintNow;
            if (rnd.nextDouble() < 0.06) {
                best += gain * rnd.nextDouble() * (1.2 - progress);
            }
            double median = k < 4 ? Double.NEGATIVE_INFINITY : best - 0.05 - 0.2 * rnd.nextDouble() * (1 - progress);
            if (k == 30) {
                bestB = 0.97;
            } else if (k > 30 && rnd.nextDouble() < 0.05) {
                bestB = Math.max(bestB, best - 0.04 + 0.03 * rnd.nextDouble());
            }
            if (k == 90) {
                bestC = 0.99;
            } else if (k > 90 && rnd.nextDouble() < 0.03) {
                bestC = Math.max(bestC, bestB - 0.01);
            }
            double redundancy = 0.04 + 0.25 * progress * (mode.equals("evolve") ? 1 : 0.1);
            status.add(new StatusPoint(t, generated, evaluated, hash, fingerprint, redundancy, best, median, bestB,
                    bestC));
        }
        List<MetaPoint> meta = new ArrayList<>();
        double a = 1;
        for (int k = 0; k < 20; k++) {
            a += gain * rnd.nextDouble() / 4;
            double b = k < 2 ? Double.NaN : 1 + (a - 1) * 0.6 - 0.03 * rnd.nextDouble() - (k > 15 ? 0.02 * (k - 15) : 0);
            meta.add(new MetaPoint((k + 1) * evaluated / 20, seconds * (k + 1) / 20, 100 + 37L * k + rnd.nextInt(30), a,
                    b));
        }
        List<TopProgram> top = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            top.add(new TopProgram((k == 2 ? "candidate " + NASTY : "candidate ") + (1800 - 97 * k) + " (simplified)",
                    program(k, rnd), best - 0.01 * k, k == 0 ? 1.0125 : Double.NaN, k == 4 ? Double.NaN : 1.02 - 0.015 * k,
                    k == 3 ? Double.NEGATIVE_INFINITY : k < 2 ? 1.01 - 0.01 * k : Double.NaN));
        }
        List<Curve> curves = new ArrayList<>();
        String[] programs = {"AdamW", "Lion", "candidate 1800", "candidate 1703"};
        double[] speed = {1.0, 1.1, 1.25, 1.15};
        for (String stage : new String[] {"B", "C"}) {
            int steps = stage.equals("B") ? 1000 : 4000;
            for (int p = 0; p < programs.length; p++) {
                List<Curve.Point> pts = new ArrayList<>();
                for (int s = 0; s <= 30; s++) {
                    long step = (long) steps * s / 30;
                    double loss = 0.25 + 2.05 * Math.exp(-speed[p] * 4.0 * s / 30) + 0.02 * rnd.nextDouble();
                    if (p == 3 && stage.equals("C") && s > 24) {
                        loss = s == 25 ? 40 : Double.NaN;
                    }
                    pts.add(new Curve.Point(step, loss));
                }
                curves.add(new Curve(programs[p], "digits-mlp:" + (stage.equals("B") ? "M" : "L"), stage, pts));
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("preset", "quick");
        config.put("mode", mode);
        config.put("seed", Long.toString(seed));
        config.put("population", "50");
        config.put("tournament", "2");
        config.put("stage A", "digits-mlp:S");
        config.put("stage B", "digits-mlp:M");
        config.put("stage C", "digits-mlp:L");
        config.put("start", "programs/adamw.opt");
        config.put("note", NASTY);
        StatusPoint last = status.get(status.size() - 1);
        Summary summary = new Summary(seconds, "4m", generated, evaluated, hash, fingerprint, 37, last.redundancy(), 212,
                1_250_400, 390, 41, 6, 1, best, bestB, bestC);
        return new RunData(label, mode, config, status, meta, top, curves, summary);
    }

    private static String program(int k, SplittableRandom rnd) {
        String beta = String.format(java.util.Locale.ROOT, "%.4f", 0.9 + 0.09 * rnd.nextDouble());
        return "def train(w, g, m, lr):\n"
                + "  update = interp(g, m, " + beta + ")\n"
                + "  update = sign(update)\n"
                + "  m = interp(g, m, 0.99)\n"
                + (k % 2 == 0 ? "  decay = w * 0.5\n  update = update + decay\n" : "  update = clip(update, 1.0)\n")
                + "  lr = lr * 0.0002\n"
                + "  update = update * lr\n"
                + "  return update, m\n";
    }
}
