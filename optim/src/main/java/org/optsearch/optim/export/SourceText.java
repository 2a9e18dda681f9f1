package org.optsearch.optim.export;

import java.util.List;

/**
 * Program text placed inside generated source: lines split as the parser splits them, and escaped for a
 * Python docstring or a Java text block. A program's comments may hold any character, quotes and
 * backslashes included; after escaping, the text reads back as itself.
 */
final class SourceText {
    private SourceText() {
    }

    /** The lines of {@code text}, split at {@code \n}, {@code \r\n} or {@code \r}; no trailing empty line. */
    static List<String> lines(String text) {
        String trimmed = text.replaceFirst("(\r\n|\n|\r)+$", "");
        return List.of(trimmed.split("\r\n|\n|\r", -1));
    }

    /**
     * One line for a triple-quoted Python string: backslashes and quotes escaped (so the string can
     * neither end early nor start an escape), control characters as {@code \xNN}.
     */
    static String python(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * One line for a Java text block: backslashes and quotes escaped, control characters as octal
     * escapes, anything beyond ASCII as a Unicode escape (so the file compiles in any encoding). A
     * doubled backslash also keeps a {@code \u0041} written in a comment from being read as an escape.
     * Trailing spaces become {@code \s} escapes or a text block would drop them (only comments could hold
     * any, so this is for exactness, not meaning).
     */
    static String javaTextBlock(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (i >= end) {
                sb.append(c == ' ' ? "\\s" : "\\t");
            } else if (c < 0x20 && c != '\t' || c == 0x7f) {
                sb.append(String.format("\\%03o", (int) c));
            } else if (c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A Java string literal, quotes included, escaped like {@link #javaTextBlock}. */
    static String javaString(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\%03o", (int) c));
            } else if (c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
