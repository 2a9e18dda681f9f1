package org.optsearch.report;

/**
 * Escaping for text from data. The result is safe as HTML text and as a quoted attribute value, and is
 * also well-formed XML, so the same escaping serves the inline SVG charts.
 */
final class Html {
    private Html() {
    }

    /**
     * Escapes {@code & < > " '}; replaces control characters other than tab, newline and carriage return,
     * and unpaired surrogates (none of which XML allows), with U+FFFD. Null becomes the empty string.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code s} cut to at most {@code max} characters, with an ellipsis where it was cut. */
    static String shorten(String s, int max) {
        if (s == null || s.length() <= max) {
            return s == null ? "" : s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "\u2026";
    }
}
