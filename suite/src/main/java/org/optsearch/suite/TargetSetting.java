package org.optsearch.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.optsearch.lang.Program;

/**
 * Sets targets the AlgoPerf way. For every baseline ({@link Baselines}) and workload: {@link Protocol#trials}
 * quasi-random trials from the baseline's workload-agnostic search space, each trained for the workload's
 * tuning steps, scored by the best validation metric seen. Per workload, the best trial of all baselines is
 * rerun with {@link Protocol#seeds} seeds; the <em>target</em> is the median of their best validation values,
 * and the <em>budget</em> is {@link Protocol#budgetFactor} times the median steps those reruns needed to reach
 * it (rounded up to the evaluation interval, and at most the tuning steps: the schedule's horizon, which the
 * learning rate has decayed to 0 at). Finally each baseline's best trial is rerun with the same seeds
 * at the budget, stopping at the target: those are the baselines' steps to target that scores compare with.
 */
public final class TargetSetting {
    private TargetSetting() {
    }

    /** How thorough: trials per baseline, seeds of the reruns, the Halton rotation's seed, the budget factor. */
    public record Protocol(int trials, int seeds, long studySeed, double budgetFactor) {
        /** The protocol the shipped targets are made with: 30 trials, 5 seeds. */
        public static final Protocol FULL = new Protocol(30, 5, 0, 1.33);

        public Protocol {
            if (trials < 1 || seeds < 1 || !(budgetFactor >= 1)) {
                throw new IllegalArgumentException("a protocol needs trials >= 1, seeds >= 1 and a budget factor >= 1, got "
                        + trials + ", " + seeds + ", " + budgetFactor);
            }
        }

        /** Trainings it runs on {@code workloads} workloads with {@code baselines} baselines. */
        public long trainings(int workloads, int baselines) {
            return (long) workloads * (baselines * (long) trials + seeds + (long) baselines * seeds);
        }
    }

    /** Told how far the work has come: which phase, and trainings finished of those in it. */
    public interface Listener {
        void progress(String phase, int finished, int total);
    }

    /** The targets of {@code workloads}, made with {@code baselines} under {@code protocol} on {@code threads} threads. */
    public static Map<String, Targets.Entry> run(List<Workload> workloads, List<Baselines> baselines, Protocol protocol,
            int threads, Listener listener) {
        return run(workloads, baselines, protocol, threads, listener, Journal.none());
    }

    /** The work a journal of this run must have been started for: protocol, baselines and workloads. */
    public static String header(List<Workload> workloads, List<Baselines> baselines, Protocol protocol) {
        return "optsearch-suite-journal/1 " + protocol + " " + baselines + " "
                + workloads.stream().map(w -> w.name() + "@" + w.tuningSteps() + "/" + w.evalInterval()).toList();
    }

    /** As {@link #run(List, List, Protocol, int, Listener)}, skipping the trainings {@code journal} holds and recording the others. */
    public static Map<String, Targets.Entry> run(List<Workload> workloads, List<Baselines> baselines, Protocol protocol,
            int threads, Listener listener, Journal journal) {
        // Phase 1: every trial of every baseline on every workload.
        List<Supplier<Measurement>> jobs = new ArrayList<>();
        List<SearchSpace.Trial> trialOf = new ArrayList<>();
        for (Baselines b : baselines) {
            Program base = b.program();
            SearchSpace space = b.space();
            space.checkAgainst(base, b.id());
            for (SearchSpace.Trial trial : space.trials(protocol.trials(), protocol.studySeed())) {
                Program p = trial.apply(base);
                for (Workload w : workloads) {
                    jobs.add(journal.cached("tuning/" + b.id() + "/" + trial.index() + "/" + w.name(),
                            () -> StepsToTarget.measure(w, p, b.id(), Double.NaN,
                                    StepsToTarget.Run.full(w.tuningSteps(), trial.warmupFraction(), 1))));
                    trialOf.add(trial);
                }
            }
        }
        List<Measurement> trials = Parallel.run(jobs, threads, (done, total, m) -> listener.progress("tuning", done, total));
        // The best trial of each baseline on each workload.
        Map<String, Map<Baselines, Integer>> bestTrial = new LinkedHashMap<>();
        int i = 0;
        for (Baselines b : baselines) {
            for (int t = 0; t < protocol.trials(); t++) {
                for (Workload w : workloads) {
                    Map<Baselines, Integer> best = bestTrial.computeIfAbsent(w.name(), k -> new LinkedHashMap<>());
                    Integer current = best.get(b);
                    if (current == null || better(w.metric(), trials.get(i).best(), trials.get(current).best())) {
                        best.put(b, i);
                    }
                    i++;
                }
            }
        }
        // Phase 2: the best configuration over all baselines, rerun with every seed.
        jobs.clear();
        List<Baselines> setter = new ArrayList<>();
        for (Workload w : workloads) {
            Baselines top = null;
            for (Map.Entry<Baselines, Integer> e : bestTrial.get(w.name()).entrySet()) {
                if (top == null || better(w.metric(), trials.get(e.getValue()).best(),
                        trials.get(bestTrial.get(w.name()).get(top)).best())) {
                    top = e.getKey();
                }
            }
            setter.add(top);
            SearchSpace.Trial trial = trialOf.get(bestTrial.get(w.name()).get(top));
            Program p = trial.apply(top.program());
            String id = top.id();
            for (int s = 1; s <= protocol.seeds(); s++) {
                long seed = s;
                jobs.add(journal.cached("seeds/" + id + "/" + trial.index() + "/" + w.name() + "/" + seed,
                        () -> StepsToTarget.measure(w, p, id, Double.NaN,
                                StepsToTarget.Run.full(w.tuningSteps(), trial.warmupFraction(), seed))));
            }
        }
        List<Measurement> reruns = Parallel.run(jobs, threads, (done, total, m) -> listener.progress("seeds", done, total));
        double[] target = new double[workloads.size()];
        int[] budget = new int[workloads.size()];
        int[] needed = new int[workloads.size()];
        List<List<Double>> seedBest = new ArrayList<>();
        for (int k = 0; k < workloads.size(); k++) {
            Workload w = workloads.get(k);
            List<Measurement> runs = reruns.subList(k * protocol.seeds(), (k + 1) * protocol.seeds());
            double[] bests = runs.stream().mapToDouble(Measurement::best).toArray();
            seedBest.add(runs.stream().map(Measurement::best).toList());
            double t = medianOfBest(w.metric(), bests);
            target[k] = t;
            double[] steps = runs.stream().mapToDouble(m -> firstReach(w.metric(), m, t)).toArray();
            double median = Stats.median(steps);
            needed[k] = Double.isFinite(median) ? (int) Math.ceil(median) : w.tuningSteps();
            budget[k] = Math.min(w.roundUp((long) Math.ceil(protocol.budgetFactor() * needed[k])), w.tuningSteps());
        }
        // Phase 3: each baseline's best trial at the budget, every seed, stopping at the target.
        jobs.clear();
        for (int k = 0; k < workloads.size(); k++) {
            Workload w = workloads.get(k);
            for (Baselines b : baselines) {
                SearchSpace.Trial trial = trialOf.get(bestTrial.get(w.name()).get(b));
                Program p = trial.apply(b.program());
                double t = target[k];
                int budgetK = budget[k];
                for (int s = 1; s <= protocol.seeds(); s++) {
                    long seed = s;
                    jobs.add(journal.cached("baselines/" + b.id() + "/" + trial.index() + "/" + w.name() + "/" + seed + "/"
                            + t + "/" + budgetK, () -> StepsToTarget.measure(w, p, b.id(), t,
                                    new StepsToTarget.Run(budgetK, w.tuningSteps(), trial.warmupFraction(), seed, true))));
                }
            }
        }
        List<Measurement> scored = Parallel.run(jobs, threads, (done, total, m) -> listener.progress("baselines", done, total));
        Map<String, Targets.Entry> out = new LinkedHashMap<>();
        int j = 0;
        for (int k = 0; k < workloads.size(); k++) {
            Workload w = workloads.get(k);
            Map<String, Targets.BaselineResult> results = new LinkedHashMap<>();
            for (Baselines b : baselines) {
                int index = bestTrial.get(w.name()).get(b);
                SearchSpace.Trial trial = trialOf.get(index);
                List<Measurement> runs = scored.subList(j, j + protocol.seeds());
                j += protocol.seeds();
                results.put(b.id(), new Targets.BaselineResult(trial.hyperparameters(), trial.warmupFraction(),
                        trials.get(index).best(), Targets.steps(runs)));
            }
            out.put(w.name(), new Targets.Entry(w.metric(), target[k], budget[k], w.evalInterval(), w.tuningSteps(),
                    setter.get(k).id(), needed[k], seedBest.get(k), results));
        }
        return out;
    }

    /** The median of the seeds' best values; a diverged seed (NaN) counts as the worst. */
    static double medianOfBest(Metric metric, double[] bests) {
        double[] sorted = new double[bests.length];
        for (int i = 0; i < bests.length; i++) {
            double b = Double.isNaN(bests[i]) ? metric.worst() : bests[i];
            sorted[i] = metric.higherIsBetter() ? -b : b;
        }
        double m = Stats.median(sorted);
        return metric.higherIsBetter() ? -m : m;
    }

    private static double firstReach(Metric metric, Measurement m, double target) {
        for (Measurement.Point p : m.curve()) {
            if (metric.reaches(p.value(), target)) {
                return p.step();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean better(Metric metric, double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        return Double.isNaN(b) || (metric.higherIsBetter() ? a > b : a < b);
    }
}
