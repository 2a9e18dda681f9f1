package org.optsearch.cli;

import java.io.PrintWriter;
import org.optsearch.lang.Diagnostic;

/**
 * Writes diagnostics the way compilers do:
 *
 * <pre>
 * lion.opt:3:11: unknown function 'sgn'; did you mean 'sign'?
 *   update = sgn(update)
 *            ^
 * </pre>
 *
 * A diagnostic without a position prints as {@code file: message}; warnings say {@code warning:}.
 */
public final class DiagnosticPrinter {

    private DiagnosticPrinter() {
    }

    /** Prints the message line and, when the text and the line are known, the source line and a caret. */
    public static void print(PrintWriter out, String file, String text, Diagnostic d) {
        out.println(headline(file, d));
        String source = sourceLine(text, d.line());
        if (source != null) {
            out.println(source);
            out.println(caret(source, d.column()));
        }
    }

    /** {@code file:line:col: message}, {@code file:line:col: warning: message}, or {@code file: message}. */
    public static String headline(String file, Diagnostic d) {
        String kind = d.isError() ? "" : "warning: ";
        return d.line() > 0
                ? file + ":" + d.line() + ":" + Math.max(d.column(), 1) + ": " + kind + d.message()
                : file + ": " + kind + d.message();
    }

    /** Line {@code line} (from 1) of {@code text}, split as the parser splits it; null when absent. */
    static String sourceLine(String text, int line) {
        if (text == null || line < 1) {
            return null;
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        return line <= lines.length ? lines[line - 1] : null;
    }

    /** Spaces up to {@code column} (tabs kept, so the caret lines up in a terminal), then '^'. */
    static String caret(String source, int column) {
        int before = Math.min(Math.max(column, 1) - 1, source.length());
        StringBuilder sb = new StringBuilder(before + 1);
        for (int i = 0; i < before; i++) {
            sb.append(source.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sb.append('^').toString();
    }
}
