package org.optsearch.optim.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.optim.Schedule;

/**
 * One run of an exported optimizer on {@link Problem}: a program, the form of its Python export, and the
 * settings the optimizer is made with.
 *
 * @param listForm  whether to export the list form even for an elementwise program
 * @param overrides hyperparameters other than lr_scale set at construction, by their names in the program
 * @param rate      the framework's learning rate (torch's lr, optax's learning_rate), or null for the default
 * @param factors   the learning-rate factor at each step (torch: LambdaLR; optax: a schedule), or null
 */
record ExportCase(String label, ExportSource source, boolean listForm, Map<String, Double> overrides, Double rate,
        double[] factors) {

    /** Our warm-up-cosine schedule over the problem's steps, which the frameworks' schedules must follow. */
    static double[] scheduleFactors() {
        double[] factors = new double[Problem.STEPS + 1];
        Schedule schedule = Schedule.warmupCosine(5, Problem.STEPS);
        for (int s = 0; s <= Problem.STEPS; s++) {
            factors[s] = schedule.at(s);
        }
        return factors;
    }

    /**
     * Every program with its defaults, with a schedule, and (when elementwise) in list form; then two with
     * settings of their own, one of them with names that the export renames.
     */
    static List<ExportCase> standard() {
        double[] factors = scheduleFactors();
        List<ExportCase> cases = new ArrayList<>();
        for (ExportSource source : ExportPrograms.all()) {
            String name = source.baseName();
            boolean lists = Kinds.of(source.program()).needsAllParameters();
            cases.add(new ExportCase(name + (lists ? " (lists)" : ""), source, false, Map.of(), null, null));
            cases.add(new ExportCase(name + " with a schedule", source, false, Map.of(), null, factors));
            if (!lists) {
                cases.add(new ExportCase(name + " in list form", source, true, Map.of(), null, null));
            }
        }
        cases.add(new ExportCase("lion with lr, beta1, wd", ExportPrograms.named("lion.opt"), false,
                ordered("beta1", 0.8, "wd", 0.5), 3e-4, null));
        // The framework's rate is names.opt's lr input; its hyperparameter named lr is another keyword.
        cases.add(new ExportCase("names with lr, torch and a schedule", ExportPrograms.named("names.opt"), false,
                ordered("lr", 0.02, "torch", 0.8), 0.5, factors));
        return cases;
    }

    /** The framework's learning rate with the schedule's factor 1: the given one or the program's default. */
    double baseRate() {
        if (rate != null) {
            return rate;
        }
        Double scale = source.program().hyperparameters().get(Exporter.LEARNING_RATE_SCALE);
        return scale != null ? scale : 1.0;
    }

    private static Map<String, Double> ordered(Object... pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return map;
    }
}
