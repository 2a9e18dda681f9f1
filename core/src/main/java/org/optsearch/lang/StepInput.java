package org.optsearch.lang;

import java.util.Arrays;
import java.util.List;

/**
 * The optional inputs that say where training stands, written after {@code lr} in the {@code def} line
 * under these exact names: {@code def train(w, g, m, lr, step, total_steps, beta=0.9)}. Both are scalars,
 * broadcast like {@code lr}.
 */
public enum StepInput {
    /** The 1-based number of the update being computed: 1 at the first call. */
    STEP("step"),
    /** How many steps the training has in all; the trainer knows it, library users set it. */
    TOTAL_STEPS("total_steps");

    private final String spelling;

    StepInput(String spelling) {
        this.spelling = spelling;
    }

    /** The name that program text must use. */
    public String spelling() {
        return spelling;
    }

    /** The step input with exactly this name, or null. */
    public static StepInput byName(String name) {
        for (StepInput s : values()) {
            if (s.spelling.equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The step input whose name is within two edits of {@code name} but not equal to it, or null. */
    public static StepInput misspelled(String name) {
        if (byName(name) != null) {
            return null;
        }
        List<String> names = Arrays.stream(values()).map(StepInput::spelling).toList();
        String close = Op.closest(name, names);
        return close == null || name.length() < 3 ? null : byName(close);
    }
}
