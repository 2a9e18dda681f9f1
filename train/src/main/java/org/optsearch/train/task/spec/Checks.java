package org.optsearch.train.task.spec;

import java.nio.file.Path;
import java.util.Objects;

/** Invariant checks shared by the spec records' constructors, for specs built in code. */
final class Checks {

    private Checks() {}

    /** Widths, depths, counts of a model or batch: 1 .. {@link ModelSpec#MAX_SIZE}. */
    static int size(String what, int value) {
        if (value < 1 || value > ModelSpec.MAX_SIZE) {
            throw new IllegalArgumentException(
                    what + " must be in 1.." + ModelSpec.MAX_SIZE + ", got " + value);
        }
        return value;
    }

    /** An absolute path, normalized, so that equal files compare equal. */
    static Path absolute(String what, Path path) {
        Objects.requireNonNull(path, what);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be an absolute path, got '" + path + "'");
        }
        return path.normalize();
    }

    /** A validation fraction in (0, 0.5]. */
    static double fraction(String what, double value) {
        if (!(value > 0 && value <= DataSpec.MAX_VALIDATION_FRACTION)) {
            throw new IllegalArgumentException(
                    what + " must be in (0, " + DataSpec.MAX_VALIDATION_FRACTION + "], got " + value);
        }
        return value;
    }

    /** The problem with {@code dim} and {@code heads}, or null if {@code heads} divides {@code dim}. */
    static String divisibilityProblem(int dim, int heads) {
        return dim % heads == 0 ? null : "dim " + dim + " is not divisible by heads " + heads;
    }

    static void divisible(int dim, int heads) {
        String problem = divisibilityProblem(dim, heads);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Without a header row, columns can only be given by index. */
    static void byIndex(String what, LabelColumn column) {
        if (!(column instanceof LabelColumn.ByIndex)) {
            throw new IllegalArgumentException(what + ": without a header, columns are given by 0-based index, got "
                    + column);
        }
    }
}
