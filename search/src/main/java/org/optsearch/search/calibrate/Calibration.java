package org.optsearch.search.calibrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Learning-rate calibration by successive halving: a program is trained briefly at several step-size
 * multipliers, the better half of them continues for twice as long, and so on up to the full length;
 * the program's fitness is the best full-length result and the winning multiplier is returned with it.
 * This is the idea of non-uniform successive halving (spend little on many settings, more on the
 * survivors), applied to one hyperparameter: the overall scale of the update, which is what separates a
 * good program family from a badly scaled member of it (Lion with AdamW's learning rate).
 *
 * <p>The plan is fixed by {@link Plan}: the multipliers (half-decades around 1 by default) and the
 * number of rungs. With 5 multipliers and 4 rungs, trainings last 1/8, 1/4, 1/2 and 1 of the full
 * length and 5, 3, 2, 1 settings run at them: 3.375 full trainings' worth of steps, less when short runs
 * diverge early. Ties keep the multiplier nearest 1 (the program as written).
 */
public final class Calibration {

    /** One training: the program with its update scaled by {@code multiplier}, for {@code fraction} of its steps. */
    @FunctionalInterface
    public interface Trial {
        /** Higher is better; {@code Double.NEGATIVE_INFINITY} (or NaN) for a run that diverged or failed. */
        double score(double multiplier, double fraction);
    }

    /**
     * @param multipliers the candidate step-size multipliers, at least 1, all > 0
     * @param rungs       the number of training lengths, >= 1: the last is the full length, each earlier one half
     *                    the next
     */
    public record Plan(List<Double> multipliers, int rungs) {
        public Plan {
            multipliers = List.copyOf(multipliers);
            if (multipliers.isEmpty()) {
                throw new IllegalArgumentException("calibration needs at least one multiplier");
            }
            for (double m : multipliers) {
                if (!(m > 0 && Double.isFinite(m))) {
                    throw new IllegalArgumentException("calibration multipliers must be finite and > 0, got " + m);
                }
            }
            if (rungs < 1 || rungs > 10) {
                throw new IllegalArgumentException("calibration rungs must be in 1..10, got " + rungs);
            }
        }

        /** {@code count} multipliers in half-decades centred on 1 (count odd: 3 gives 10^-0.5, 1, 10^0.5). */
        public static Plan halfDecades(int count, int rungs) {
            if (count < 1 || count % 2 == 0) {
                throw new IllegalArgumentException("the number of calibration multipliers must be odd and >= 1, got "
                        + count);
            }
            List<Double> m = new ArrayList<>();
            for (int k = -(count / 2); k <= count / 2; k++) {
                m.add(Math.pow(10, k / 2.0));
            }
            return new Plan(m, rungs);
        }

        /** No calibration: the program as written, at full length. */
        public static Plan off() {
            return new Plan(List.of(1.0), 1);
        }

        /** The steps the plan costs, in full trainings, when nothing stops early. */
        public double cost() {
            double cost = 0;
            int n = multipliers.size();
            for (int r = 0; r < rungs; r++) {
                cost += n * fraction(r);
                n = survivors(n, r);
            }
            return cost;
        }

        double fraction(int rung) {
            return Math.pow(0.5, rungs - 1 - rung);
        }

        /** How many settings go on from a rung of {@code n}: the better half, rounded up; 1 before the last rung never drops below. */
        int survivors(int n, int rung) {
            return rung == rungs - 1 ? n : Math.max(1, (n + 1) / 2);
        }
    }

    /** A calibrated result: the best full-length score, its multiplier, and every trial run. */
    public record Result(double score, double multiplier, List<Run> runs) {
        public Result {
            runs = List.copyOf(runs);
        }

        /** Full trainings' worth of steps spent (each run counts its fraction). */
        public double cost() {
            return runs.stream().mapToDouble(Run::fraction).sum();
        }
    }

    /** One trial: its multiplier, its length as a fraction of the full one, its score. */
    public record Run(double multiplier, double fraction, double score) {
    }

    private Calibration() {
    }

    /** Runs the plan; trials are made in a fixed order, so the same trial function gives the same result. */
    public static Result run(Plan plan, Trial trial) {
        return run(plan, trial, null);
    }

    /**
     * Runs the plan with the trials of each rung made at once on {@code pool} (null: one after the other on
     * this thread). The trial function must then be safe to call from several threads; the result is the
     * same as {@link #run(Plan, Trial)}'s, since trials are ranked only once their rung is complete.
     */
    public static Result run(Plan plan, Trial trial, ForkJoinPool pool) {
        List<Double> alive = new ArrayList<>(plan.multipliers());
        List<Run> runs = new ArrayList<>();
        List<Run> rung = List.of();
        for (int r = 0; r < plan.rungs(); r++) {
            double fraction = plan.fraction(r);
            List<Double> scores = Parallel.map(alive, m -> trial.score(m, fraction), pool);
            List<Run> results = new ArrayList<>();
            for (int i = 0; i < alive.size(); i++) {
                double m = alive.get(i);
                double s = scores.get(i);
                Run run = new Run(m, fraction, Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s);
                results.add(run);
                runs.add(run);
            }
            results.sort(better());
            int keep = plan.survivors(results.size(), r);
            rung = results;
            alive = new ArrayList<>();
            for (int i = 0; i < keep; i++) {
                alive.add(results.get(i).multiplier());
            }
        }
        Run best = rung.get(0);
        return new Result(best.score(), best.multiplier(), runs);
    }

    /** Higher score first; among equal scores, the multiplier nearest 1 (in log terms) first. */
    private static Comparator<Run> better() {
        return Comparator.comparingDouble((Run r) -> -r.score())
                .thenComparingDouble(r -> Math.abs(Math.log(r.multiplier())));
    }
}
