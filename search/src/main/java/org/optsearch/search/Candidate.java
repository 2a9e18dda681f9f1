package org.optsearch.search;

import org.optsearch.lang.Program;

/**
 * A program the search generated.
 *
 * @param id          its number in generation order (from 1; 0 is the start program)
 * @param parent      the id of the program it was mutated from, or -1
 * @param program     the program, hyperparameters inlined
 * @param hash        its dataflow hash
 * @param fingerprint its numeric fingerprint ({@link Fingerprint})
 * @param mutation    what was done to the parent, in words
 * @param redundant   how many of its statements are redundant
 */
public record Candidate(long id, long parent, Program program, String hash, long fingerprint, String mutation,
        int redundant) {

    public int length() {
        return program.statements().size();
    }
}
