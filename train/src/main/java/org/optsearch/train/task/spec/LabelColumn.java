package org.optsearch.train.task.spec;

import java.util.Objects;

/**
 * A column of a CSV table (the label, one to drop, a categorical one): by header name, or by 0-based
 * position. In a task file a JSON string is a name ({@code "label": "species"}, also {@code "label":
 * "3"}) and a JSON integer is an index ({@code "label": 3}).
 */
public sealed interface LabelColumn permits LabelColumn.ByName, LabelColumn.ByIndex {

    static LabelColumn named(String name) {
        return new ByName(name);
    }

    static LabelColumn index(int index) {
        return new ByIndex(index);
    }

    /** The column whose header is {@code name}, exactly. */
    record ByName(String name) implements LabelColumn {
        public ByName {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("label column name must not be empty");
            }
        }
    }

    /** The column at {@code index}, counting from 0. */
    record ByIndex(int index) implements LabelColumn {
        public ByIndex {
            if (index < 0) {
                throw new IllegalArgumentException("label column index must be >= 0, got " + index);
            }
        }
    }
}
