package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.optsearch.lang.Diagnostic;
import org.optsearch.lang.Diagnostic.Severity;

class DiagnosticPrinterTest {

    private static final String TEXT = "def train(w, g, lr):\r\n  update = sgn(g)\r\n  return update\r\n";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // severity | line | column | headline
        "ERROR   | 2 | 12 | p.opt:2:12: unknown function",
        "WARNING | 1 | 17 | p.opt:1:17: warning: unknown function",
        "ERROR   | 0 | 0  | p.opt: unknown function",
        "ERROR   | 3 | 0  | p.opt:3:1: unknown function",
    })
    void headlineIsFileLineColumnThenMessage(Severity severity, int line, int column, String expected) {
        assertEquals(expected, DiagnosticPrinter.headline("p.opt", new Diagnostic(severity, line, column, "unknown function")));
    }

    @Test
    void windowsLineEndingsDoNotLeakIntoTheQuotedLine() {
        assertEquals("""
                p.opt:2:12: unknown function 'sgn'; did you mean 'sign'?
                  update = sgn(g)
                           ^
                """, print(TEXT, new Diagnostic(Severity.ERROR, 2, 12, "unknown function 'sgn'; did you mean 'sign'?")));
    }

    @Test
    void caretPastTheEndOfTheLineStopsJustAfterIt() {
        assertEquals("     ^", DiagnosticPrinter.caret("short", 40));
    }

    @Test
    void withoutTextOrPositionOnlyTheHeadlineIsPrinted() {
        Diagnostic d = new Diagnostic(Severity.ERROR, 4, 2, "no such line");
        assertEquals("p.opt:4:2: no such line\n", print(null, d));
        assertEquals("p.opt:9:2: no such line\n", print(TEXT, new Diagnostic(Severity.ERROR, 9, 2, "no such line")));
    }

    private static String print(String text, Diagnostic d) {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out);
        DiagnosticPrinter.print(writer, "p.opt", text, d);
        writer.flush();
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}
