package org.optsearch.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;
import org.optsearch.train.run.Scoring;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;

/**
 * One stage of the funnel: a set of tasks, and the start program's results on them, against which every
 * candidate is normalized (1 = as good as the start program, 0 = chance) and checked at hurdles.
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
    private String unusable;
    private String fix;

    /**
     * @param hurdleFactor a candidate whose validation loss at a checkpoint exceeds this many times the
     *                     start program's is stopped there; 0 turns hurdles off
     */
    Stage(StageName name, List<Task> tasks, double hurdleFactor) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("stage " + name + " has no tasks");
        }
        this.name = name;
        this.tasks = List.copyOf(tasks);
        this.hurdleFactor = hurdleFactor;
    }

    /**
     * Trains the start program on every task once, stopping at the first task that makes the stage
     * {@linkplain #unusable() unusable}; later calls return the same results. Never throws for a task:
     * one that cannot be trained gets a failed result whose divergence says why.
     */
    synchronized List<TrainResult> train(Program start) {
        if (reference == null) {
            List<TrainResult> results = new ArrayList<>();
            chance = new double[tasks.size()];
            for (int i = 0; i < tasks.size() && unusable == null; i++) {
                Task task = tasks.get(i);
                TrainResult r;
                try {
                    r = Trainer.train(task, start, "start");
                    chance[i] = Scoring.chance(task);
                } catch (RuntimeException | Error e) {
                    r = new TrainResult(task.name(), "start", 0, Double.NaN, Double.NaN, TrainResult.FAILED,
                            "cannot be trained: " + describe(e), 0, List.of());
                    unusable = task.name() + " " + r.divergence();
                    fix = "fix the task's model or data";
                }
                results.add(r);
                if (unusable == null && r.diverged()) {
                    unusable = "the start program diverges on " + task.name() + ": " + r.divergence();
                    fix = "start from a program that trains";
                } else if (unusable == null && !(r.fitness() > chance[i])) {
                    unusable = "the start program does no better than chance on " + task.name() + " (fitness "
                            + r.fitness() + ", chance " + chance[i] + ")";
                    fix = "start from a program that trains, or tune it first";
                }
            }
            reference = List.copyOf(results);
        }
        return reference;
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

    /** The score of a program already analyzed (training does not check it again). */
    Score evaluate(Analysis program, String name, boolean hurdles, long deadlineNanos) {
        List<TrainResult> results = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            TrainResult ref = reference.get(i);
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
            results.add(r);
            if (r.diverged()) {
                long saved = 0;
                for (int j = i; j < tasks.size(); j++) {
                    saved += tasks.get(j).config().steps() - (j == i ? r.steps() : 0);
                }
                boolean hurdle = atHurdle[0];
                return new Score(TrainResult.FAILED, results, task.name() + ": " + r.divergence(), hurdle,
                        hurdle ? saved : 0);
            }
            sum += Scoring.normalized(r.fitness(), ref.fitness(), chance[i]);
        }
        return Score.of(sum / tasks.size(), results);
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
                        : Scoring.normalized(r.fitness(), reference.get(t).fitness(), chance[t]);
            });
        }
        return list;
    }
}
