package org.optsearch.store;

import java.sql.SQLException;

/**
 * A program's text as schema 2 stores it ({@code program.lines}): a JSON array of {@code line} ids, one per
 * line, the text being those lines joined by {@code '\n'}. Splitting keeps empty lines, the one after the
 * last newline included, so that every text, whatever its line breaks, comes back exactly.
 */
final class LineList {
    private LineList() {
    }

    /** Looks up (or adds) the id of a line. */
    @FunctionalInterface
    interface Ids {
        long id(String line) throws SQLException;
    }

    /** Gives the text of a line id, or null when there is no such line. */
    @FunctionalInterface
    interface Texts {
        String text(long id) throws SQLException;
    }

    /** {@code "[3,17,4]"}: the ids of the text's lines, in order. */
    static String encode(String text, Ids ids) throws SQLException {
        StringBuilder b = new StringBuilder(8 + text.length() / 8).append('[');
        int from = 0;
        while (true) {
            int end = text.indexOf('\n', from);
            String line = text.substring(from, end < 0 ? text.length() : end);
            b.append(from == 0 ? "" : ",").append(ids.id(line));
            if (end < 0) {
                return b.append(']').toString();
            }
            from = end + 1;
        }
    }

    /**
     * The text back from its ids.
     *
     * @throws IllegalArgumentException when the list is not a JSON array of ids or names a line that is not there
     */
    static String decode(String json, Texts texts) throws SQLException {
        long[] ids = ids(json);
        StringBuilder b = new StringBuilder(ids.length * 24);
        for (int i = 0; i < ids.length; i++) {
            String line = texts.text(ids[i]);
            if (line == null) {
                throw new IllegalArgumentException("its text names line " + ids[i]
                        + ", which is not in the line table");
            }
            b.append(i == 0 ? "" : "\n").append(line);
        }
        return b.toString();
    }

    /** The ids of {@code [1,2,3]}: digits separated by commas, as {@link #encode} writes them. */
    static long[] ids(String json) {
        if (json == null || json.length() < 3 || json.charAt(0) != '[' || json.charAt(json.length() - 1) != ']') {
            throw new IllegalArgumentException("its line list is not a JSON array of line ids: " + json);
        }
        String[] parts = json.substring(1, json.length() - 1).split(",", -1);
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("its line list is not a JSON array of line ids: " + json, e);
            }
        }
        return ids;
    }
}
