package org.optsearch.search;

import java.util.Objects;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * A program the search generated.
 *
 * @param id          its number in generation order (from 1; 0 is the start program)
 * @param parent      the id of the program it was mutated from, or -1
 * @param program     the program, hyperparameters inlined
 * @param hash        its dataflow hash
 * @param fingerprint its numeric fingerprint ({@link Fingerprint})
 * @param change      how it was made from its parent (or that it is the start or a random program)
 * @param redundant   how many of its statements are redundant
 * @param analysis    the program's checked analysis, made once when it was generated and passed on to
 *                    training; a function of {@code program}, so ignored by {@code equals} and {@code hashCode}
 */
public record Candidate(long id, long parent, Program program, String hash, long fingerprint, Change change,
        int redundant, Analysis analysis) {

    public Candidate {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(analysis, "analysis");
        if (analysis.program() != program) {
            throw new IllegalArgumentException("candidate " + id + ": the analysis is of another program");
        }
    }

    /** A candidate whose program is analyzed here. */
    public Candidate(long id, long parent, Program program, String hash, long fingerprint, Change change,
            int redundant) {
        this(id, parent, program, hash, fingerprint, change, redundant, Analysis.of(program));
    }

    /** What was done to the parent, in words. */
    public String mutation() {
        return change.words();
    }

    public int length() {
        return program.statements().size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Candidate c && id == c.id && parent == c.parent && program.equals(c.program)
                && hash.equals(c.hash) && fingerprint == c.fingerprint && change.equals(c.change)
                && redundant == c.redundant;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, parent, program, hash, fingerprint, change, redundant);
    }
}
