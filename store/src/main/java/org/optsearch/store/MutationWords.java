package org.optsearch.store;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mutation's words as schema 2 stores them. A description quotes the statements it changed
 * ({@code modify statement 4 'x1 = g + 1.42' -> 'x1 = g + decay' (argument 2 of 2: 1.42 -> decay)}), and
 * those are lines of the parent or the child, already in the {@code line} table: the first two quoted
 * statements become {@code '$1'} and {@code '$2'} and refer to their lines (indented as in a program). The
 * stored form is used only when {@link #decode} gives the exact words back; otherwise the words are stored
 * as they are, with no lines. {@link #decode} and the view {@code program_text} do the same replacements.
 *
 * @param words the words with {@code $1} and {@code $2} for the quoted statements (or as they are)
 * @param line1 the line {@code $1} stands for, or null: the words are as they are
 * @param line2 the line {@code $2} stands for, or null
 */
record MutationWords(String words, Long line1, Long line2) {
    /** Program lines are statements indented by this; a quoted statement is a line without it. */
    static final String INDENT = "  ";
    private static final Pattern QUOTED = Pattern.compile("'([^'\n]*)'");

    /** The stored form of {@code mutation} (null stays null), adding the lines it quotes if they are new. */
    static MutationWords encode(String mutation, LineList.Ids ids) throws SQLException {
        if (mutation == null) {
            return new MutationWords(null, null, null);
        }
        Matcher m = QUOTED.matcher(mutation);
        String[] quoted = new String[2];
        StringBuilder words = new StringBuilder(mutation.length());
        int count = 0;
        while (count < 2 && m.find()) {
            quoted[count++] = m.group(1);
            m.appendReplacement(words, "'\\$" + count + "'");
        }
        m.appendTail(words);
        if (count == 0) {
            return new MutationWords(mutation, null, null);
        }
        String line1 = INDENT + quoted[0];
        String line2 = quoted[1] == null ? null : INDENT + quoted[1];
        String template = words.toString();
        if (!mutation.equals(decode(template, line1, line2))) {
            return new MutationWords(mutation, null, null); // e.g. the words contain "$1" of their own
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

    private static String unindented(String line) {
        if (!line.startsWith(INDENT)) {
            throw new IllegalArgumentException("a mutation refers to the line '" + line
                    + "', which is not a statement");
        }
        return line.substring(INDENT.length());
    }
}
