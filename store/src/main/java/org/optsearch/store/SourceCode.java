package org.optsearch.store;

import java.util.List;
import org.optsearch.search.SearchListener.Source;

/**
 * The {@code program.source} column of schema 2: a small number instead of the name schema 1 stored.
 * SQLite stores the integers 0 and 1 in no bytes at all, so the two common sources (a hash hit, about nine
 * children in ten, and a training) cost nothing; the {@code source} table names the codes. The codes are
 * fixed here, not taken from the enum's order, so that a new source cannot renumber old files.
 */
final class SourceCode {
    /** Index = code. */
    private static final List<Source> BY_CODE = List.of(Source.EVALUATED, Source.HASH_CACHE,
            Source.FINGERPRINT_CACHE, Source.START);

    private SourceCode() {
    }

    static int code(Source source) {
        int code = BY_CODE.indexOf(source);
        if (code < 0) {
            throw new IllegalArgumentException("no code for the program source " + source);
        }
        return code;
    }

    static Source source(int code) {
        if (code < 0 || code >= BY_CODE.size()) {
            throw new IllegalArgumentException("unknown program source code " + code);
        }
        return BY_CODE.get(code);
    }

    /** Every source, by code: the rows of the {@code source} table. */
    static List<Source> all() {
        return BY_CODE;
    }
}
