package org.optsearch.lang;

/** Splits one line of program text into tokens; comments ({@code #...}) end the line. */
final class Lexer {
    enum Kind { NAME, NUMBER, SYMBOL, END }

    record Token(Kind kind, String text, int line, int column) {
        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }

        SourceMap.Position position() {
            return new SourceMap.Position(line, column);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the line";
                case NAME -> "'" + Diagnostic.shorten(text) + "'";
                case NUMBER -> "number " + Diagnostic.shorten(text);
                case SYMBOL -> "'" + text + "'";
            };
        }
    }

    private final String text;
    private final int line;
    private int pos;
    private Token peeked;

    Lexer(String text, int line) {
        this.text = text;
        this.line = line;
    }

    /** True when the line holds nothing but whitespace and a comment. */
    boolean blank() {
        int i = 0;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i == text.length() || text.charAt(i) == '#';
    }

    /** The leading whitespace; the next token starts after it. */
    String indent() {
        int i = 0;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        pos = i;
        return text.substring(0, i);
    }

    Token peek() {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token scan() {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length() || text.charAt(pos) == '#') {
            pos = text.length();
            return new Token(Kind.END, "", line, start + 1);
        }
        char c = text.charAt(pos);
        if (Character.isLetter(c) && c < 128 || c == '_') {
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            return new Token(Kind.NAME, text.substring(start, pos), line, start + 1);
        }
        if (isDigit(c) || c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
            return number(start);
        }
        if ("()=,:+-*/".indexOf(c) >= 0) {
            pos++;
            return new Token(Kind.SYMBOL, String.valueOf(c), line, start + 1);
        }
        int codePoint = text.codePointAt(pos);
        String shown = codePoint < 32 || codePoint == 127 || codePoint > 126
                ? String.format("U+%04X", codePoint) : "'" + (char) codePoint + "'";
        throw Parser.error(line, start + 1, "unexpected character " + shown);
    }

    private Token number(int start) {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                throw Parser.error(line, mark + 1, "malformed exponent in number '" + text.substring(start, pos) + "'");
            }
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (isNameChar(text.charAt(pos)) || text.charAt(pos) == '.')) {
            throw Parser.error(line, pos + 1, "unexpected '" + text.charAt(pos) + "' after number '"
                    + text.substring(start, pos) + "'");
        }
        return new Token(Kind.NUMBER, text.substring(start, pos), line, start + 1);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
}
