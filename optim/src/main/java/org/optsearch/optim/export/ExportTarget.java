package org.optsearch.optim.export;

import java.util.Arrays;
import java.util.Locale;

/** What a program can be exported to. */
public enum ExportTarget {
    /** A {@code torch.optim.Optimizer} subclass, in a Python module. */
    PYTORCH("pytorch", ".py"),
    /** A function returning an {@code optax.GradientTransformation}, in a Python module. */
    OPTAX("optax", ".py"),
    /** A Java class that builds this library's optimizer for the program. */
    JAVA("java", ".java");

    private final String id;
    private final String extension;

    ExportTarget(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /** The name on the command line: {@code pytorch}, {@code optax}, {@code java}. */
    public String id() {
        return id;
    }

    /** The usual file name extension of the output, with its dot. */
    public String extension() {
        return extension;
    }

    /** Whether the output is Python. */
    public boolean python() {
        return this != JAVA;
    }

    /**
     * The target named {@code id} (any case).
     *
     * @throws IllegalArgumentException listing the targets, for an unknown name
     */
    public static ExportTarget byId(String id) {
        for (ExportTarget t : values()) {
            if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown export target '" + id + "'; expected one of "
                + String.join(", ", Arrays.stream(values()).map(ExportTarget::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
