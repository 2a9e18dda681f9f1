package org.optsearch.search;

import java.util.List;
import java.util.Objects;
import org.optsearch.search.mutate.Mutation;
import org.optsearch.search.mutate.MutationKind;

/**
 * How a candidate came to be: its kind, what was done in words, and the statements those words quote
 * (in the order they quote them), so that a run store can keep them as references to lines without
 * reading the words.
 *
 * @param kind   the start program, a random program, or one of the mutations
 * @param words  what was done, readably: {@code insert 'x3 = sign(m)' as statement 5 of 10}
 * @param quoted the statements {@code words} quotes, as text ({@code x3 = sign(m)}), at most two
 */
public record Change(Kind kind, String words, List<String> quoted) {

    /** The closed set of ways a candidate is made. */
    public enum Kind {
        /** The start program. */
        START,
        /** A fresh random program (random mode, or a random warm start). */
        RANDOM,
        /** A statement inserted. */
        INSERT,
        /** A statement deleted. */
        DELETE,
        /** An argument changed to another variable or a constant, or a constant changed. */
        MODIFY,
        /** One constant changed: constants mode (hyperparameter tuning by evolution), or evolution's TUNE. */
        TUNE,
        /** Not recorded: a program from a run store written before kinds were stored. */
        UNRECORDED;

        /** The kind of a mutation; {@code constantsMode} makes its MODIFY a TUNE. */
        public static Kind of(MutationKind kind, boolean constantsMode) {
            return switch (kind) {
                case INSERT -> INSERT;
                case DELETE -> DELETE;
                case MODIFY -> constantsMode ? TUNE : MODIFY;
                case TUNE -> TUNE;
            };
        }
    }

    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(words, "words");
        quoted = List.copyOf(quoted);
        if (quoted.size() > 2) {
            throw new IllegalArgumentException("a change quotes at most two statements, got " + quoted.size());
        }
    }

    /** A change that quotes no statement. */
    public static Change of(Kind kind, String words) {
        return new Change(kind, words, List.of());
    }

    /** A mutation's change. */
    public static Change of(Mutation m, boolean constantsMode) {
        return new Change(Kind.of(m.kind(), constantsMode), m.description(), m.quoted());
    }
}
