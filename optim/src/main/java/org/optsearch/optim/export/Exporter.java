package org.optsearch.optim.export;

import org.optsearch.optim.ProgramOptimizerBuilder;

/**
 * Writes a valid program as source code for PyTorch, optax or Java (docs/export.md).
 *
 * <pre>{@code
 * ExportSource source = ExportSource.parse("lion.opt", Files.readString(path));
 * String python = Exporter.export(source, ExportTarget.PYTORCH, ClassNames.fromFileName("lion.opt"));
 * }</pre>
 */
public final class Exporter {
    /**
     * The hyperparameter that holds the learning rate, as in the library: when a program declares it, the
     * framework's learning rate is its value and the program's {@code lr} input is 1.0.
     */
    public static final String LEARNING_RATE_SCALE = ProgramOptimizerBuilder.LEARNING_RATE;

    private Exporter() {
    }

    /**
     * The source of {@code source} for {@code target}, with a class (for optax, a function and state class)
     * named after {@code className}.
     *
     * @throws IllegalArgumentException when {@code className} cannot name the class ({@link ClassNames#check})
     */
    public static String export(ExportSource source, ExportTarget target, String className) {
        return export(source, target, className, false);
    }

    /**
     * As {@link #export(ExportSource, ExportTarget, String)}; {@code listForm} makes the Python exports run
     * every program over lists of tensors, the form that programs with reductions over all parameters
     * need, so that tests can check that form on every program.
     */
    static String export(ExportSource source, ExportTarget target, String className, boolean listForm) {
        ClassNames.check(className, target);
        return switch (target) {
            case PYTORCH -> new TorchExporter(source, className, listForm).export();
            case OPTAX -> new OptaxExporter(source, className, listForm).export();
            case JAVA -> new JavaExporter(source, className).export();
        };
    }
}
