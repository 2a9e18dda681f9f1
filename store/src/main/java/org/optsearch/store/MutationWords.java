package org.optsearch.store;

import java.sql.SQLException;
import java.util.List;

/**
 * A mutation's words as schema 2 stores them. The words quote the statements the mutation changed
 * ({@code modify statement 4 'x1 = g + 1.42' -> 'x1 = g + decay' (argument 2 of 2: 1.42 -> decay)}), and the
 * mutation says which ({@link org.optsearch.search.Change#quoted}); those are lines of the parent or the
 * child, already in the {@code line} table: the quoted statements become {@code '$1'} and {@code '$2'} and
 * refer to their lines (indented as in a program). The stored form is used only when {@link #decode} gives
 * the exact words back; otherwise the words are stored as they are, with no lines. {@link #decode} and the
 * view {@code program_text} do the same replacements.
 *
 * @param words the words with {@code $1} and {@code $2} for the quoted statements (or as they are)
 * @param line1 the line {@code $1} stands for, or null: the words are as they are
 * @param line2 the line {@code $2} stands for, or null
 */
record MutationWords(String words, Long line1, Long line2) {
    /** Program lines are statements indented by this; a quoted statement is a line without it. */
    static final String INDENT = "  ";

    /**
     * The stored form of {@code words} (null stays null) that quote {@code quoted} in this order, adding the
     * lines they quote if they are new.
     */
    static MutationWords encode(String words, List<String> quoted, LineList.Ids ids) throws SQLException {
        if (words == null || quoted.isEmpty() || quoted.size() > 2) {
            return new MutationWords(words, null, null);
        }
        String template = words;
        int from = 0;
        for (int i = 0; i < quoted.size(); i++) {
            String q = "'" + quoted.get(i) + "'";
            int at = template.indexOf(q, from);
            if (at < 0 || quoted.get(i).indexOf('\n') >= 0) {
                return new MutationWords(words, null, null); // the words do not quote it as said
            }
            String ref = "'$" + (i + 1) + "'";
            template = template.substring(0, at) + ref + template.substring(at + q.length());
            from = at + ref.length();
        }
        String line1 = INDENT + quoted.get(0);
        String line2 = quoted.size() < 2 ? null : INDENT + quoted.get(1);
        if (!words.equals(decode(template, line1, line2))) {
            return new MutationWords(words, null, null); // e.g. the words contain "$1" of their own
        }
        return new MutationWords(template, ids.id(line1), line2 == null ? null : ids.id(line2));
    }

    /**
     * The words back: {@code $1} and {@code $2} replaced by the statements of lines {@code line1} and
     * {@code line2} (their text without the indent); with no {@code line1}, the words as they are.
     */
    static String decode(String words, String line1, String line2) {
        if (words == null || line1 == null) {
            return words;
        }
        String out = words.replace("$1", unindented(line1));
        return line2 == null ? out : out.replace("$2", unindented(line2));
    }

    /** The statements the stored words quote, in order (none when they are stored as they are). */
    static List<String> quoted(String line1, String line2) {
        if (line1 == null) {
            return List.of();
        }
        return line2 == null ? List.of(unindented(line1)) : List.of(unindented(line1), unindented(line2));
    }

    private static String unindented(String line) {
        if (!line.startsWith(INDENT)) {
            throw new IllegalArgumentException("a mutation refers to the line '" + line
                    + "', which is not a statement");
        }
        return line.substring(INDENT.length());
    }
}
