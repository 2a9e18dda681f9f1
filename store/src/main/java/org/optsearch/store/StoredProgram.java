package org.optsearch.store;

import org.optsearch.lang.Program;
import org.optsearch.search.Candidate;
import org.optsearch.search.Change;
import org.optsearch.search.SearchListener;

/**
 * A row of the {@code program} table.
 *
 * @param id            its number in generation order (0 = the start program)
 * @param parent        the program it was mutated from, or -1
 * @param hash          its dataflow hash
 * @param fingerprint   its numeric fingerprint (0 when the engine did not compute it: a hash hit)
 * @param length        statements
 * @param redundant     of which redundant
 * @param change        how it was made: its kind, and what was done to the parent in words
 * @param text          its canonical text, hyperparameters inlined
 * @param source        how it got its fitness
 * @param seq           its place in the run's event sequence
 * @param generatedAtMs when it was generated (epoch milliseconds)
 */
public record StoredProgram(long id, long parent, String hash, long fingerprint, int length, int redundant,
        Change change, String text, SearchListener.Source source, long seq, long generatedAtMs) {

    /** What was done to the parent, in words. */
    public String mutation() {
        return change.words();
    }

    /** The program, parsed from its stored text. */
    public Program program() {
        return Program.parse(text);
    }

    /** The candidate the engine reported (parses the text; the stored hash and fingerprint are kept). */
    public Candidate toCandidate() {
        return new Candidate(id, parent, program(), hash, fingerprint, change, redundant);
    }
}
