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
 */
final class Stage {
    final StageName name;
    final List<Task> tasks;
    private final double hurdleFactor;
    private List<TrainResult> reference;
    private double[] chance;

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

    /** Trains the start program on every task once; the reference for everything after. */
    synchronized List<TrainResult> reference(Program start) {
        if (reference == null) {
            List<TrainResult> results = new ArrayList<>();
            chance = new double[tasks.size()];
            for (int i = 0; i < tasks.size(); i++) {
                results.add(Trainer.train(tasks.get(i), start, "start"));
                chance[i] = Scoring.chance(tasks.get(i));
                if (results.get(i).diverged()) {
                    throw new IllegalArgumentException("the start program diverges on " + tasks.get(i).name() + ": "
                            + results.get(i).divergence() + "; start from a program that trains");
                }
                if (!(results.get(i).fitness() > chance[i])) {
                    throw new IllegalArgumentException("the start program does no better than chance on "
                            + tasks.get(i).name() + " (fitness " + results.get(i).fitness() + ", chance " + chance[i]
                            + "); start from a program that trains, or tune it first");
                }
            }
            reference = List.copyOf(results);
        }
        return reference;
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
