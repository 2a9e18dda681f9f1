package org.optsearch.cluster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.optsearch.search.Evaluator;
import org.optsearch.search.Score;
import org.optsearch.search.StageName;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.train.run.TrainResult;

/**
 * What travels between the coordinator and its workers. Plain serializable records holding text and
 * numbers only; each message carries an HMAC under the cluster's {@link Secret} over its
 * {@link Canonical} bytes.
 */
final class Wire {
    private Wire() {
    }

    /**
     * A data file of a task file, sent once by content: workers cache it under its SHA-256.
     *
     * @param sha256 hex SHA-256 of the contents
     * @param name   the file's own name (kept for people and for loaders that look at the extension)
     */
    record DataFile(String sha256, String name, long size) implements Serializable {
    }

    /**
     * A stage task as a worker resolves it: a built-in name ({@code spec} null), or a task file's spec as
     * canonical JSON whose data paths name {@link DataFile}s ({@code <sha256>-<name>}, relative).
     */
    record TaskRef(String name, String spec, List<DataFile> files) implements Serializable {
        TaskRef {
            files = List.copyOf(files);
        }

        void into(Canonical c) {
            c.text(name).text(spec).number(files.size());
            files.forEach(f -> c.text(f.sha256()).text(f.name()).number(f.size()));
        }
    }

    /**
     * One evaluation, as {@link org.optsearch.search.Evaluator} runs it: train {@code candidate} on the
     * stage's tasks (stage A's for A2, each with its seed + 1), normalized by {@code start}'s results there.
     *
     * @param id          the dispatch id (results are accepted for open dispatch ids only)
     * @param attempt     1 for the first sending, 2 for the first retry, ...
     * @param start       the reference: the start program as the search uses it (calibrated on stage A)
     * @param stage       the job's stage: A (calibrated there), A2, B or C (at {@code multiplier})
     * @param tasks       the tasks of the stage trained (stage A's for A2)
     * @param multiplier  on A2 and B the step-size multiplier stage A chose for the candidate, on C the one
     *                    B scored it at
     * @param calibration the calibration plan's multipliers of the job's stage ({@link Calibration.Plan#multipliers()}):
     *                    the search's plan on A and A2, its recalibration plan on B and C
     * @param rungs       and its rungs
     * @param name        the candidate's name in its training results ({@code candidate 12})
     * @param limitNanos  the evaluation time limit, enforced by the worker's own clock
     * @param reference   the start program's results on the tasks, as the coordinator trained them (the worker
     *                    scores against these instead of training the start program itself); empty when the
     *                    coordinator has none to give: the worker then trains them
     * @param nextSeed    for stage A2, the start program's results with the tasks' seeds + 1; else empty
     */
    record Request(long id, int attempt, String start, StageName stage, List<TaskRef> tasks, double hurdleFactor,
            double multiplier, List<Double> calibration, int rungs, String candidate, String name, long limitNanos,
            List<Result> reference, List<Result> nextSeed) implements Serializable {
        Request {
            tasks = List.copyOf(tasks);
            calibration = List.copyOf(calibration);
            reference = List.copyOf(reference);
            nextSeed = List.copyOf(nextSeed);
        }

        /** What the evaluation is scored against, when the coordinator sent it; else null. */
        Evaluator.References references() {
            if (reference.isEmpty()) {
                return null;
            }
            return new Evaluator.References(reference.stream().map(Result::toTrainResult).toList(),
                    nextSeed.isEmpty() ? null : nextSeed.stream().map(Result::toTrainResult).toList());
        }

        /** The lists of {@link Result} that carry {@code references} (null: two empty lists). */
        static List<List<Result>> carrying(Evaluator.References references) {
            if (references == null) {
                return List.of(List.of(), List.of());
            }
            return List.of(references.own().stream().map(Result::of).toList(), references.nextSeed() == null
                    ? List.of() : references.nextSeed().stream().map(Result::of).toList());
        }

        /** The calibration plan; throws IllegalArgumentException when it is no plan. */
        Calibration.Plan plan() {
            return new Calibration.Plan(calibration, rungs);
        }

        byte[] canonical() {
            Canonical c = new Canonical("evaluate").number(id).number(attempt).text(start).text(stage.name())
                    .number(tasks.size());
            tasks.forEach(t -> t.into(c));
            c.real(hurdleFactor).real(multiplier).number(calibration.size());
            calibration.forEach(c::real);
            c.number(rungs).text(candidate).text(name).number(limitNanos).number(reference.size());
            reference.forEach(r -> r.into(c));
            c.number(nextSeed.size());
            nextSeed.forEach(r -> r.into(c));
            return c.bytes();
        }
    }

    /** A request and its HMAC. */
    record SignedRequest(Request request, byte[] mac) implements Serializable {
    }

    /** One training result, as {@link TrainResult}; the curve flattened to (step, train, val, accuracy). */
    record Result(String task, String program, int steps, double valLoss, double valAccuracy, double fitness,
            String divergence, double seconds, double[] curve) implements Serializable {

        static Result of(TrainResult r) {
            double[] curve = new double[4 * r.curve().size()];
            for (int i = 0; i < r.curve().size(); i++) {
                TrainResult.Point p = r.curve().get(i);
                curve[4 * i] = p.step();
                curve[4 * i + 1] = p.trainLoss();
                curve[4 * i + 2] = p.valLoss();
                curve[4 * i + 3] = p.valAccuracy();
            }
            return new Result(r.task(), r.program(), r.steps(), r.valLoss(), r.valAccuracy(), r.fitness(),
                    r.divergence(), r.seconds(), curve);
        }

        TrainResult toTrainResult() {
            List<TrainResult.Point> points = new ArrayList<>();
            for (int i = 0; i + 3 < curve.length; i += 4) {
                points.add(new TrainResult.Point((int) curve[i], curve[i + 1], curve[i + 2], curve[i + 3]));
            }
            return new TrainResult(task, program, steps, valLoss, valAccuracy, fitness, divergence, seconds, points);
        }

        void into(Canonical c) {
            c.text(task).text(program).number(steps).real(valLoss).real(valAccuracy).real(fitness).text(divergence)
                    .real(seconds).number(curve.length);
            for (double v : curve) {
                c.real(v);
            }
        }
    }

    /**
     * A worker's answer to a {@link Request}: the score, and the problem to report with it (an evaluation
     * that threw), or null.
     */
    record Reply(long id, int attempt, String worker, double fitness, List<Result> results, String stopped,
            boolean hurdle, long savedSteps, double multiplier, String problem) implements Serializable {
        Reply {
            results = List.copyOf(results);
        }

        static Reply of(Request r, String worker, Score s, String problem) {
            return new Reply(r.id(), r.attempt(), worker, s.fitness(), s.results().stream().map(Result::of).toList(),
                    s.stopped(), s.hurdle(), s.savedSteps(), s.multiplier(), problem);
        }

        Score score() {
            return new Score(fitness, results.stream().map(Result::toTrainResult).toList(), stopped, hurdle,
                    savedSteps, multiplier);
        }

        /** The bytes signed: the reply and the id of the member that computed it. */
        byte[] canonical(java.util.UUID member) {
            Canonical c = new Canonical("reply").text(member.toString()).number(id).number(attempt).text(worker)
                    .real(fitness)
                    .number(results.size());
            results.forEach(r -> r.into(c));
            return c.text(stopped).number(hurdle ? 1 : 0).number(savedSteps).real(multiplier).text(problem).bytes();
        }
    }

    /** A reply and its HMAC. */
    record SignedReply(Reply reply, byte[] mac) implements Serializable {
    }
}
