package org.optsearch.lang;

/**
 * An error or warning about a program, with its place in the text when the program was parsed.
 *
 * @param line   1-based line, or 0 when the program has no source
 * @param column 1-based column, or 0 when unknown
 */
public record Diagnostic(Severity severity, int line, int column, String message) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(SourceMap.Position at, String message) {
        return at == null ? new Diagnostic(Severity.ERROR, 0, 0, message)
                : new Diagnostic(Severity.ERROR, at.line(), at.column(), message);
    }

    public static Diagnostic warning(SourceMap.Position at, String message) {
        return at == null ? new Diagnostic(Severity.WARNING, 0, 0, message)
                : new Diagnostic(Severity.WARNING, at.line(), at.column(), message);
    }

    /** Names and tokens quoted in messages, cut to a readable length. */
    public static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code 3:11: message}, or the bare message when there is no position. */
    @Override
    public String toString() {
        String kind = severity == Severity.WARNING ? "warning: " : "";
        return line > 0 ? line + ":" + column + ": " + kind + message : kind + message;
    }
}
