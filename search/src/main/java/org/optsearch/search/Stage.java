package org.optsearch.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.search.calibrate.Parallel;
import org.optsearch.lang.StepScale;
import org.optsearch.train.run.Scoring;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainConfig;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;

/**
 * One stage of the funnel: a set of tasks, and the start program's results on them, against which every
 * candidate is normalized and checked at hurdles. Fitness is validation loss, normalized per task between
 * the best constant predictor's ({@link Scoring#chanceLoss}: 0) and the start program's (1), and averaged
 * over the tasks: continuous, and above 1 for a lower loss than the start program's.
 *
 * <p>Those results are a reference only when the start program trains on every task and beats chance
 * there. When it diverges, does no better than chance, or a task cannot be trained at all (its model or
 * data throws), normalized fitness on the stage is undefined: the stage is {@linkplain #unusable()
 * unusable}, and the reason is kept so that it is reported once.
 */
final class Stage {
    final StageName name;
    final List<Task> tasks;
    private final double hurdleFactor;
    private List<TrainResult> reference;
    private double[] chance;
    private Program referenceProgram;
    private final Map<Long, List<TrainResult>> otherSeeds = new HashMap<>();
    private String unusable;
    private String fix;
    private final Calibration.Plan recalibration;
    private final Stage around;
    private double startMultiplier = 1.0;

    /**
     * @param hurdleFactor a candidate whose validation loss at a checkpoint exceeds this many times the
     *                     start program's is stopped there; 0 turns hurdles off
     */
    Stage(StageName name, List<Task> tasks, double hurdleFactor) {
        this(name, tasks, hurdleFactor, Calibration.Plan.off());
    }

    /**
     * @param recalibration on stages B and C: the step-size multipliers, relative to the scale the stage before
     *                      chose (A for B, B for C, as the program given to {@link #score} is scaled), at
     *                      which the start program and every program scored here are calibrated again
     *                      on this stage's tasks ({@link #score}); {@link Calibration.Plan#off()}: none
     */
    Stage(StageName name, List<Task> tasks, double hurdleFactor, Calibration.Plan recalibration) {
        this(name, tasks, hurdleFactor, recalibration, null);
    }

    /**
     * @param around on stage C: the stage (B) around whose choice for the start program this one recalibrates
     *               it, so that the reference here is centred as every candidate's training is (at the
     *               multiplier B chose for it); null: around the program as given
     */
    Stage(StageName name, List<Task> tasks, double hurdleFactor, Calibration.Plan recalibration, Stage around) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("stage " + name + " has no tasks");
        }
        if (name == StageName.A && recalibration.multipliers().size() > 1) {
            throw new IllegalArgumentException("stage A is calibrated by the search's plan, not recalibrated");
        }
        this.name = name;
        this.tasks = List.copyOf(tasks);
        this.hurdleFactor = hurdleFactor;
        this.recalibration = recalibration;
        this.around = around;
    }

    /**
     * Trains the start program on every task once, stopping at the first task that makes the stage
     * {@linkplain #unusable() unusable}; later calls return the same results. Never throws for a task:
     * one that cannot be trained gets a failed result whose divergence says why.
     */
    synchronized List<TrainResult> train(Program start) {
        return train(start, null);
    }

    /**
     * As {@link #train(Program)}, with the start program's recalibration (when the stage recalibrates) made a
     * rung at a time on {@code pool} (null: on this thread); the results are the same.
     */
    synchronized List<TrainResult> train(Program start, ForkJoinPool pool) {
        if (reference == null) {
            List<TrainResult> results = new ArrayList<>();
            chance = new double[tasks.size()];
            referenceProgram = recalibrated(start, pool);
            Program program = referenceProgram;
            // With a pool every task is trained at once; the results kept are those a training one task after
            // the other would have made: up to the first task that makes the stage unusable.
            List<Trained> trained = pool == null ? null : Parallel.map(tasks, t -> trainStart(t, program), pool);
            for (int i = 0; i < tasks.size() && unusable == null; i++) {
                Trained t = trained == null ? trainStart(tasks.get(i), program) : trained.get(i);
                chance[i] = t.chance();
                if (t.threw()) {
                    unusable = tasks.get(i).name() + " " + t.result().divergence();
                    fix = "fix the task's model or data";
                }
                results.add(t.result());
                judge(t.result(), chance[i]);
            }
            reference = List.copyOf(results);
        }
        return reference;
    }

    /** The start program's training on one task and the task's chance loss; {@code threw}: it cannot be trained. */
    private record Trained(TrainResult result, double chance, boolean threw) {
    }

    private static Trained trainStart(Task task, Program start) {
        try {
            TrainResult r = Trainer.train(task, start, "start");
            return new Trained(r, Scoring.chanceLoss(task), false);
        } catch (RuntimeException | Error e) {
            return new Trained(new TrainResult(task.name(), "start", 0, Double.NaN, Double.NaN, TrainResult.FAILED,
                    "cannot be trained: " + describe(e), 0, List.of()), 0, true);
        }
    }

    /**
     * The start program at its best step size on this stage, when the stage recalibrates: ranked by the share
     * of the chance loss removed, as calibration ranks short trainings (no reference needed), around the
     * choice of the stage it is {@linkplain #Stage(StageName, List, double, Calibration.Plan, Stage) centred
     * on} (trained there first if needed; as given when that stage is unusable). A task that throws is left to
     * {@link #train} to report: the program is then kept at the centre.
     */
    private Program recalibrated(Program start, ForkJoinPool pool) {
        if (!recalibrates()) {
            return start;
        }
        double centre = 1.0;
        if (around != null) {
            around.train(start, pool);
            centre = around.usable() ? around.startMultiplier() : 1.0;
        }
        Program centred = centre == 1.0 ? start : StepScale.fold(start, centre);
        startMultiplier = centre;
        try {
            Calibrated c = calibrate(centred, recalibration, "start", Long.MAX_VALUE, false, true, pool);
            startMultiplier = centre * c.multiplier();
            return c.program();
        } catch (RuntimeException | Error e) {
            return centred;
        }
    }

    /**
     * After {@link #train}: the multiplier recalibration chose for the start program on this stage, relative
     * to the program given (1 when the stage does not recalibrate); on a stage centred on another's choice,
     * the product of that stage's and this one's.
     */
    synchronized double startMultiplier() {
        return startMultiplier;
    }

    /** Whether programs scored here are calibrated again on the stage's tasks ({@link #score}). */
    boolean recalibrates() {
        return recalibration.multipliers().size() > 1;
    }

    /**
     * A program's score on this stage as the search makes it: on a stage that recalibrates, at its best
     * multiplier of the stage's plan (the score's multiplier, relative to {@code program}), else as given.
     * Hurdles (when on) and the deadline stop a training early. Needs {@link #train} first.
     */
    Score score(Program program, String name, boolean hurdles, long deadlineNanos) {
        return score(program, name, hurdles, deadlineNanos, null);
    }

    /**
     * As {@link #score(Program, String, boolean, long)}, the trainings of each rung, and of each task, made at
     * once on {@code pool} (null: one after the other); the score is the same.
     */
    Score score(Program program, String name, boolean hurdles, long deadlineNanos, ForkJoinPool pool) {
        if (!recalibrates()) {
            return evaluate(Analysis.of(program), name, hurdles, deadlineNanos, 0, pool);
        }
        return calibrate(program, recalibration, name, deadlineNanos, true, hurdles, pool).score();
    }

    /**
     * Takes the start program's results on the tasks from elsewhere instead of training them here (a worker
     * JVM of a cluster, given what its coordinator trained: the same numbers, since training is
     * deterministic), and judges them as {@link #train} does. {@code nextSeed}: its results with the tasks'
     * seeds + 1 (for stage A2), or null. What this stage already has is kept.
     *
     * @throws IllegalArgumentException when the results are not one per task of this stage, in order
     */
    synchronized void adopt(Program start, List<TrainResult> own, List<TrainResult> nextSeed) {
        if (reference == null) {
            matches(own);
            chance = new double[tasks.size()];
            referenceProgram = start;
            for (int i = 0; i < tasks.size(); i++) {
                chance[i] = Scoring.chanceLoss(tasks.get(i));
                judge(own.get(i), chance[i]);
            }
            reference = List.copyOf(own);
        }
        if (nextSeed != null) {
            matches(nextSeed);
            otherSeeds.putIfAbsent(1L, List.copyOf(nextSeed));
        }
    }

    /** Makes the stage unusable when the start program's result {@code r} is no reference (the first such). */
    private void judge(TrainResult r, double chanceLoss) {
        if (unusable == null && r.diverged()) {
            unusable = "the start program diverges on " + r.task() + ": " + r.divergence();
            fix = "start from a program that trains";
        } else if (unusable == null && !(r.valLoss() < chanceLoss)) {
            unusable = "the start program does no better than chance on " + r.task() + " (validation loss "
                    + r.valLoss() + ", chance " + chanceLoss + ")";
            fix = "start from a program that trains, or tune it first";
        }
    }

    private void matches(List<TrainResult> results) {
        List<String> names = results.stream().map(TrainResult::task).toList();
        List<String> own = tasks.stream().map(Task::name).toList();
        if (!names.equals(own)) {
            throw new IllegalArgumentException("the start program's results given for stage " + name + " are on "
                    + names + ", not on its tasks " + own);
        }
    }

    /** After {@link #train}: why the start program's results are no reference here, or null when they are. */
    synchronized String unusable() {
        return unusable;
    }

    /**
     * The start program's results, the reference for everything after ({@link #train} first if needed);
     * throws IllegalArgumentException naming the task and the fix when the stage is unusable.
     */
    synchronized List<TrainResult> reference(Program start) {
        train(start);
        if (unusable != null) {
            throw new IllegalArgumentException(unusable + "; " + fix);
        }
        return reference;
    }

    /**
     * Trains the start program here ({@link #train}) and, when that makes the stage unusable, returns the
     * warning to give: the stage, why, and what follows (nothing is scored on it). Null when it is usable.
     */
    String skipWarning(Program start) {
        train(start);
        String why = unusable();
        return why == null ? null : "stage " + name + " is skipped: " + why + "; normalized fitness there is "
                + "undefined, so no program is promoted to it or scored on it";
    }

    /**
     * Trains the start program on the given later stages (B, C; null ones are left out) now, before the
     * search, so that a stage it gives no reference on is reported once, at the start, as a problem of the
     * whole search; such a stage is then never promoted to.
     */
    static void warnOfUnusable(Program start, SearchListener listener, Stage... later) {
        for (Stage stage : later) {
            String warning = stage == null ? null : stage.skipWarning(start);
            if (warning != null) {
                listener.problem(null, warning);
            }
        }
    }

    /** False once {@link #train} found the start program's results no reference; true before. */
    boolean usable() {
        return unusable() == null;
    }

    /** An exception for people: its message and its kind, e.g. {@code integer overflow (ArithmeticException)}. */
    static String describe(Throwable e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : e.getMessage() + " (" + kind + ")";
    }

    /** The candidate's score on this stage; hurdles and the deadline stop it early. */
    Score evaluate(Program program, String name, boolean hurdles, long deadlineNanos) {
        return evaluate(Analysis.of(program), name, hurdles, deadlineNanos);
    }

    /** The score of a program already analyzed (training does not check it again), at the tasks' own seeds. */
    Score evaluate(Analysis program, String name, boolean hurdles, long deadlineNanos) {
        return evaluate(program, name, hurdles, deadlineNanos, 0);
    }

    /**
     * The score of a program already analyzed, trained with each task's seed plus {@code seedOffset} (0: the
     * tasks' own seeds) and normalized against the start program trained with the same seeds (paired: the
     * seed's luck cancels). Needs {@link #train} first.
     */
    Score evaluate(Analysis program, String name, boolean hurdles, long deadlineNanos, long seedOffset) {
        return evaluate(program, name, hurdles, deadlineNanos, seedOffset, null);
    }

    /**
     * As {@link #evaluate(Analysis, String, boolean, long, long)}, the tasks trained at once on {@code pool}
     * (null: one after the other, a failure stopping the rest). The score is the same: with a pool the tasks
     * after a failed one are trained and then set aside, and only the failed task's own untrained steps count
     * as saved.
     */
    Score evaluate(Analysis program, String name, boolean hurdles, long deadlineNanos, long seedOffset,
            ForkJoinPool pool) {
        List<TrainResult> refs = seedOffset == 0 ? reference : referenceAt(seedOffset);
        List<Integer> indices = IntStream.range(0, tasks.size()).boxed().toList();
        List<Trial> trained = pool == null ? null : Parallel.map(indices,
                i -> trial(i, program, name, hurdles, deadlineNanos, seedOffset, refs.get(i)), pool);
        List<TrainResult> results = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Trial t = trained != null ? trained.get(i) : trial(i, program, name, hurdles, deadlineNanos, seedOffset,
                    refs.get(i));
            TrainResult r = t.result();
            results.add(r);
            if (r.diverged()) {
                long saved = tasks.get(i).config().steps() - r.steps();
                for (int j = i + 1; j < tasks.size() && trained == null; j++) {
                    saved += tasks.get(j).config().steps();
                }
                return new Score(TrainResult.FAILED, results, tasks.get(i).name() + ": " + r.divergence(),
                        t.atHurdle(), t.atHurdle() ? saved : 0);
            }
            sum += Scoring.normalizedLoss(r.valLoss(), refs.get(i).valLoss(), chance[i]);
        }
        return Score.of(sum / tasks.size(), results);
    }

    /** One task's training of a candidate, and whether a hurdle stopped it. */
    private record Trial(TrainResult result, boolean atHurdle) {
    }

    /** Trains {@code program} on task {@code i} (its seed plus {@code seedOffset}), judged against {@code ref}. */
    private Trial trial(int i, Analysis program, String name, boolean hurdles, long deadlineNanos, long seedOffset,
            TrainResult ref) {
        Task task = seeded(tasks.get(i), seedOffset);
        boolean[] atHurdle = {false};
        TrainResult r = Trainer.train(task, program, name, new Trainer.Listener() {
            private int point;

            @Override
            public String stopNow(int step) {
                return System.nanoTime() > deadlineNanos ? "evaluation time limit reached at step " + step : null;
            }

            @Override
            public String stopAt(TrainResult.Point p) {
                TrainResult.Point refPoint = ref.curve().get(Math.min(point++, ref.curve().size() - 1));
                if (hurdles && hurdleFactor > 0 && !(p.valLoss() <= hurdleFactor * refPoint.valLoss())) {
                    atHurdle[0] = true;
                    return "hurdle at step " + p.step() + ": validation loss " + p.valLoss() + " > " + hurdleFactor
                            + " x the start program's " + refPoint.valLoss();
                }
                return null;
            }
        });
        return new Trial(r, atHurdle[0]);
    }

    /**
     * Calibrates the step size of {@code program} by successive halving ({@link Calibration}): short trainings
     * at the plan's multipliers, the better half going on for longer, up to full length; returns the best
     * full-length score, with hurdles, and its multiplier. Short trainings are ranked by the share of the
     * chance loss they remove, averaged over the tasks (no reference needed, so the start program is
     * calibrated the same way); a diverged one ranks last. Needs {@link #train} first unless
     * {@code reference} is false: then the full-length runs are ranked the same way and scored NaN.
     */
    Calibrated calibrate(Program program, Calibration.Plan plan, String name, long deadlineNanos, boolean normalize) {
        return calibrate(program, plan, name, deadlineNanos, normalize, true);
    }

    /** As {@link #calibrate(Program, Calibration.Plan, String, long, boolean)}; {@code hurdles}: at full length. */
    Calibrated calibrate(Program program, Calibration.Plan plan, String name, long deadlineNanos, boolean normalize,
            boolean hurdles) {
        return calibrate(program, plan, name, deadlineNanos, normalize, hurdles, null);
    }

    /**
     * As {@link #calibrate(Program, Calibration.Plan, String, long, boolean, boolean)}, each rung's trainings
     * made at once on {@code pool} (null: one after the other on this thread); the result is the same.
     */
    Calibrated calibrate(Program program, Calibration.Plan plan, String name, long deadlineNanos, boolean normalize,
            boolean hurdles, ForkJoinPool pool) {
        Map<Double, Score> full = new ConcurrentHashMap<>();
        Map<Double, Program> scaled = new ConcurrentHashMap<>();
        Calibration.Result result = Calibration.run(plan, (m, fraction) -> {
            Program p = scaled.computeIfAbsent(m, k -> StepScale.fold(program, k));
            if (fraction >= 1 && normalize) {
                Score s = evaluate(Analysis.of(p), name, hurdles, deadlineNanos, 0, pool);
                full.put(m, s.withMultiplier(m));
                return s.failed() ? Double.NEGATIVE_INFINITY : s.fitness();
            }
            return shortScore(p, fraction, name, deadlineNanos, pool);
        }, pool);
        double k = result.multiplier();
        Score best = full.get(k);
        return new Calibrated(scaled.get(k), k, best, result);
    }

    /** What calibration chose: the program with its multiplier folded in, the multiplier, its score, the trials. */
    record Calibrated(Program program, double multiplier, Score score, Calibration.Result trials) {
    }

    /**
     * The share of the chance loss a short training removes, averaged over the tasks; minus infinity when one
     * diverges. With a pool the tasks train at once (all of them, where in turn a divergence stops the rest).
     */
    private double shortScore(Program p, double fraction, String name, long deadlineNanos, ForkJoinPool pool) {
        Analysis a = Analysis.of(p);
        List<Double> shares = pool == null ? null
                : Parallel.map(tasks, t -> shortShare(t, a, fraction, name, deadlineNanos), pool);
        double sum = 0;
        for (int i = 0; i < tasks.size(); i++) {
            double share = shares == null ? shortShare(tasks.get(i), a, fraction, name, deadlineNanos) : shares.get(i);
            if (share == Double.NEGATIVE_INFINITY) {
                return share;
            }
            sum += share;
        }
        return sum / tasks.size();
    }

    private static double shortShare(Task task, Analysis a, double fraction, String name, long deadlineNanos) {
        TrainConfig c = task.config();
        int steps = Math.max(10, (int) Math.round(c.steps() * fraction));
        TrainConfig shortConfig = c.withSteps(Math.min(steps, c.steps()));
        shortConfig = new TrainConfig(shortConfig.steps(), shortConfig.batchSize(), shortConfig.warmupSteps(),
                shortConfig.seed(), 1);
        TrainResult r = Trainer.train(task.withConfig(shortConfig), a, name, new Trainer.Listener() {
            @Override
            public String stopNow(int step) {
                return System.nanoTime() > deadlineNanos ? "evaluation time limit reached at step " + step : null;
            }
        });
        if (r.diverged() || !Double.isFinite(r.valLoss())) {
            return Double.NEGATIVE_INFINITY;
        }
        double chanceLoss = Scoring.chanceLoss(task);
        return (chanceLoss - r.valLoss()) / chanceLoss;
    }

    /** The start program's results with the tasks' seeds plus {@code offset}, trained once and kept. */
    synchronized List<TrainResult> referenceAt(long offset) {
        return referenceAt(offset, null);
    }

    /** As {@link #referenceAt(long)}, the tasks trained at once on {@code pool} (null: one after the other). */
    private synchronized List<TrainResult> referenceAt(long offset, ForkJoinPool pool) {
        return otherSeeds.computeIfAbsent(offset, o -> Parallel.map(tasks,
                t -> Trainer.train(seeded(t, o), referenceProgram, "start"), pool));
    }

    private static Task seeded(Task task, long offset) {
        return offset == 0 ? task : task.withConfig(task.config().withSeed(task.config().seed() + offset));
    }

    /**
     * The seed-to-seed spread of the start program's normalized score: for each task, the standard deviation
     * over the seed offsets {@code seeds} (0: the tasks' own seeds) of its validation loss, normalized to the
     * stage's scale (chance to the start program's loss at the tasks' own seed). Differences below it are
     * ties. Trains the start program at the other seeds (once). Needs {@link #train} first.
     */
    double[] spread(long... seeds) {
        return spread(null, seeds);
    }

    /** As {@link #spread(long...)}, the trainings at each seed made at once on {@code pool} (null: in turn). */
    double[] spread(ForkJoinPool pool, long... seeds) {
        trainReferenceAt(pool, seeds);
        double[] sd = new double[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            double[] v = new double[seeds.length];
            for (int j = 0; j < seeds.length; j++) {
                v[j] = normalizedAt(i, seeds[j]);
            }
            sd[i] = sd(v);
        }
        return sd;
    }

    /**
     * The seed-to-seed spread of the start program's stage fitness (its normalized scores averaged over the
     * tasks, as a candidate's fitness is): the standard deviation over the seed offsets {@code seeds}. A
     * candidate's fitness on this stage that differs from 1 by less is a tie with the start program. Trains
     * the start program at the other seeds (once; the trainings at each seed made at once on {@code pool}).
     */
    double fitnessSpread(ForkJoinPool pool, long... seeds) {
        trainReferenceAt(pool, seeds);
        double[] v = new double[seeds.length];
        for (int j = 0; j < seeds.length; j++) {
            double sum = 0;
            for (int i = 0; i < tasks.size(); i++) {
                sum += normalizedAt(i, seeds[j]);
            }
            v[j] = sum / tasks.size();
        }
        return sd(v);
    }

    /** Trains the start program at each seed offset other than 0 that it has not been trained at. */
    private void trainReferenceAt(ForkJoinPool pool, long... seeds) {
        for (long s : seeds) {
            if (s != 0) {
                referenceAt(s, pool);
            }
        }
    }

    private double normalizedAt(int task, long seed) {
        TrainResult r = seed == 0 ? reference.get(task) : referenceAt(seed).get(task);
        return Scoring.normalizedLoss(r.valLoss(), reference.get(task).valLoss(), chance[task]);
    }

    private static double sd(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN;
    }

    /**
     * One function per task: a program's normalized score there, {@link TrainResult#FAILED} when it
     * diverges. For simplification, which must hold every task's score; needs {@link #reference} first.
     */
    List<ToDoubleFunction<Program>> perTask(String name) {
        List<ToDoubleFunction<Program>> list = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            int t = i;
            list.add(p -> {
                TrainResult r = Trainer.train(tasks.get(t), p, name);
                return r.diverged() ? TrainResult.FAILED
                        : Scoring.normalizedLoss(r.valLoss(), reference.get(t).valLoss(), chance[t]);
            });
        }
        return list;
    }
}
