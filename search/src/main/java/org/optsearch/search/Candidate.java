package org.optsearch.search;

import java.util.Objects;
import java.util.function.Supplier;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * A program the search generated: its number, parent, dataflow hash, numeric fingerprint ({@link Fingerprint}),
 * how it was made ({@link Change}), how many of its statements are redundant, and its checked analysis (made
 * once, when it was generated, and passed on to training). A candidate read back from a run store
 * ({@link #stored}) reads its program and change only when first asked: a resume replays hundreds of
 * thousands of them and keeps a few. Immutable; equal when id, parent, hash, fingerprint, change,
 * redundancy and program are.
 */
public final class Candidate {
    /** What a stored candidate reads when first asked: its program and how it was made. */
    public record Body(Program program, Change change) {
    }

    private final long id;
    private final long parent;
    private final String hash;
    private final long fingerprint;
    private final int length;
    private final int redundant;
    private Supplier<Body> reader;
    private Body body;
    private Analysis analysis;

    /**
     * @param id          its number in generation order (from 1; 0 is the start program)
     * @param parent      the id of the program it was mutated from, or -1
     * @param program     the program, hyperparameters inlined
     * @param hash        its dataflow hash
     * @param fingerprint its numeric fingerprint (0 when not computed: a hash hit)
     * @param change      how it was made from its parent (or that it is the start or a random program)
     * @param redundant   how many of its statements are redundant
     * @param analysis    the program's analysis (of this very program)
     */
    public Candidate(long id, long parent, Program program, String hash, long fingerprint, Change change,
            int redundant, Analysis analysis) {
        this(id, parent, hash, fingerprint, program.statements().size(), redundant, null,
                new Body(program, Objects.requireNonNull(change, "change")));
        if (analysis.program() != program) {
            throw new IllegalArgumentException("candidate " + id + ": the analysis is of another program");
        }
        this.analysis = analysis;
    }

    /** A candidate whose program is analyzed when training first asks for it. */
    public Candidate(long id, long parent, Program program, String hash, long fingerprint, Change change,
            int redundant) {
        this(id, parent, hash, fingerprint, program.statements().size(), redundant, null,
                new Body(program, Objects.requireNonNull(change, "change")));
    }

    private Candidate(long id, long parent, String hash, long fingerprint, int length, int redundant,
            Supplier<Body> reader, Body body) {
        this.id = id;
        this.parent = parent;
        this.hash = Objects.requireNonNull(hash, "hash");
        this.fingerprint = fingerprint;
        this.length = length;
        this.redundant = redundant;
        this.reader = reader;
        this.body = body;
    }

    /**
     * A candidate as a run store recorded it, whose program and change {@code reader} gives when first asked
     * (it may read the store: ask before closing it).
     *
     * @param length its number of statements, as recorded
     */
    public static Candidate stored(long id, long parent, String hash, long fingerprint, int length, int redundant,
            Supplier<Body> reader) {
        return new Candidate(id, parent, hash, fingerprint, length, redundant, Objects.requireNonNull(reader), null);
    }

    public long id() {
        return id;
    }

    public long parent() {
        return parent;
    }

    public String hash() {
        return hash;
    }

    public long fingerprint() {
        return fingerprint;
    }

    public int redundant() {
        return redundant;
    }

    /** Its number of statements. */
    public int length() {
        return length;
    }

    /** The program, hyperparameters inlined. */
    public Program program() {
        return body().program();
    }

    /** How it was made. */
    public Change change() {
        return body().change();
    }

    /** What was done to the parent, in words. */
    public String mutation() {
        return change().words();
    }

    /** The program's analysis: the one made when it was generated, or made now (once). */
    public synchronized Analysis analysis() {
        if (analysis == null) {
            analysis = Analysis.of(program());
        }
        return analysis;
    }

    private synchronized Body body() {
        if (body == null) {
            Body read = reader.get();
            if (read.program().statements().size() != length) {
                throw new IllegalStateException("candidate " + id + " was recorded with " + length
                        + " statements, but its program has " + read.program().statements().size());
            }
            body = read;
            reader = null;
        }
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Candidate c && id == c.id && parent == c.parent && hash.equals(c.hash)
                && fingerprint == c.fingerprint && redundant == c.redundant && body().equals(c.body());
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, parent, hash, fingerprint, redundant);
    }

    @Override
    public String toString() {
        return "candidate " + id + " (hash " + hash + ")";
    }
}
