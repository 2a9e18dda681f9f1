package org.optsearch.cli;

/**
 * A failure caused by the user's input (a missing file, a bad option value): {@link Main} prints the
 * message, never a stack trace, and exits with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(String message) {
        this(Main.EXIT_INVALID, message);
    }

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** A failure whose details are already printed (e.g. diagnostics with carets): nothing more is said. */
    public static CliException reported() {
        return new CliException(Main.EXIT_INVALID, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
