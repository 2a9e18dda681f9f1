package org.optsearch.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the report shows about one search run. A plain value: the store (or a test) fills it in,
 * {@link Report} renders it. Fitness is normalized per task (1 = the start program, 0 = chance, higher is
 * better); NaN means "not evaluated", negative infinity "failed" (diverged or stopped at a hurdle).
 *
 * @param label   how the run is named in legends and headings, e.g. "evolve, seed 1"
 * @param mode    the search mode (evolve, constants, random)
 * @param config  the run's configuration as key and value, in display order
 * @param status  the status line over time, oldest first
 * @param meta    the meta-validation curve: the best program on A over time with its B fitness
 * @param top     the best programs, best first
 * @param curves  learning curves (validation loss over steps) of the best programs and the references
 *                (AdamW, Lion) on the stage-B and stage-C tasks
 * @param summary the final counters
 */
public record RunData(String label, String mode, Map<String, String> config, List<StatusPoint> status,
        List<MetaPoint> meta, List<TopProgram> top, List<Curve> curves, Summary summary) {

    public RunData {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(summary, "summary");
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        status = copy(status, "status");
        meta = copy(meta, "meta");
        top = copy(top, "top");
        curves = copy(curves, "curves");
    }

    /**
     * One status line.
     *
     * @param seconds         time since the search started
     * @param generated       children generated so far (cache hits included)
     * @param evaluated       stage-A trainings finished so far
     * @param hashHits        children whose dataflow hash was already scored
     * @param fingerprintHits children whose numeric fingerprint was already scored (hash misses)
     * @param redundancy      share (0..1) of redundant statements over all children generated so far
     * @param bestA           best stage-A fitness so far
     * @param medianA         median stage-A fitness of the population now
     * @param bestB           best stage-B fitness so far, NaN if none yet
     * @param bestC           best stage-C fitness so far, NaN if none yet
     */
    public record StatusPoint(double seconds, long generated, long evaluated, long hashHits, long fingerprintHits,
            double redundancy, double bestA, double medianA, double bestB, double bestC) {
    }

    /** After {@code evaluated} stage-A evaluations, the best program on A ({@code candidate}) and its B fitness. */
    public record MetaPoint(long evaluated, double seconds, long candidate, double fitnessA, double fitnessB) {
    }

    /**
     * One of the best programs.
     *
     * @param id        its name, e.g. "candidate 1234"
     * @param text      the program as printed (simplified where the search simplified it; with its calibrated
     *                  step-size multiplier folded in)
     * @param fitnessA2 stage A again with the next seed, the confirmation of a promotion (NaN: not run)
     */
    public record TopProgram(String id, String text, double fitnessA, double fitnessA2, double fitnessB,
            double fitnessC) {
        public TopProgram {
            Objects.requireNonNull(id, "id");
            text = text == null ? "" : text;
        }

        /** A program that was not trained on A2. */
        public TopProgram(String id, String text, double fitnessA, double fitnessB, double fitnessC) {
            this(id, text, fitnessA, Double.NaN, fitnessB, fitnessC);
        }
    }

    /**
     * A learning curve: validation loss over training steps.
     *
     * @param program the program's name, e.g. "candidate 1234" or "AdamW"
     * @param task    the task, e.g. "digits-mlp:M"
     * @param stage   the funnel stage, e.g. "B" or "C"
     */
    public record Curve(String program, String task, String stage, List<Point> points) {
        public Curve {
            Objects.requireNonNull(program, "program");
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(stage, "stage");
            points = copy(points, "points");
        }

        /** The validation loss after {@code step} steps. */
        public record Point(long step, double valLoss) {
        }
    }

    /**
     * The final counters of a run, as the search prints them at the end.
     *
     * @param budget the budget as given, e.g. "3m" or "500-evals"
     */
    public record Summary(double seconds, String budget, long generated, long evaluated, long hashHits,
            long fingerprintHits, long invalid, double redundancy, long hurdleStops, long savedSteps, long failures,
            long evaluatedB, long evaluatedC, long restarts, double bestA, double bestB, double bestC) {

        public Summary {
            budget = budget == null ? "" : budget;
        }

        /** Share of generated children that reused a stored fitness (hash or fingerprint). */
        public double cacheHitRate() {
            return generated == 0 ? 0 : (double) (hashHits + fingerprintHits) / generated;
        }
    }

    private static <T> List<T> copy(List<T> list, String what) {
        if (list == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            out.add(Objects.requireNonNull(t, () -> what + " contains null"));
        }
        return Collections.unmodifiableList(out);
    }
}
