package org.optsearch.lang;

import java.util.List;

/** Thrown when program text does not parse, or a program is used while invalid; carries the errors. */
public final class ProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public ProgramException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "invalid program" : diagnostics.get(0).toString());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public ProgramException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
