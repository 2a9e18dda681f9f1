package org.optsearch.search.mutate;

import java.util.List;
import java.util.Objects;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * One child of a parent program.
 *
 * @param child       the new program, in inlined form (no hyperparameters); valid, and different from the parent
 * @param kind        what was done
 * @param description what was done, readably: {@code insert 'x3 = sign(m)' as statement 5 of 10}
 * @param quoted      the statements {@code description} quotes, as text, in its order (at most two)
 * @param attempts    how many children were drawn to get this one (1 when the first was valid)
 * @param analysis    the abstract execution of {@code child}, kept so that the search need not run it again
 *                    for the hash; a function of {@code child}, so ignored by {@code equals} and {@code hashCode}
 */
public record Mutation(Program child, MutationKind kind, String description, List<String> quoted, int attempts,
        Analysis analysis) {

    public Mutation {
        quoted = List.copyOf(quoted);
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(analysis, "analysis");
        if (analysis.program() != child) {
            throw new IllegalArgumentException("the analysis is of another program than the child");
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
    }

    /** A mutation whose analysis is computed here, quoting no statement. */
    public Mutation(Program child, MutationKind kind, String description, int attempts) {
        this(child, kind, description, attempts, Analysis.of(child));
    }

    /** A mutation quoting no statement. */
    public Mutation(Program child, MutationKind kind, String description, int attempts, Analysis analysis) {
        this(child, kind, description, List.of(), attempts, analysis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mutation m && child.equals(m.child) && kind == m.kind
                && description.equals(m.description) && quoted.equals(m.quoted) && attempts == m.attempts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(child, kind, description, quoted, attempts);
    }

    @Override
    public String toString() {
        return description + (attempts == 1 ? "" : " (attempt " + attempts + ")");
    }
}
