package org.optsearch.train.task.spec;

import java.util.Objects;

/**
 * A task file that cannot be read or is not a valid task. The message is one line,
 * {@code file[:line:column]: [$.json.path: ]problem}, for example
 * {@code tasks/my.yaml:7:12: $.model.hidden[1]: must be a positive integer, got -3}.
 */
public final class TaskSpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String jsonPath;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param file     the file as named in messages
     * @param jsonPath where in the document, as {@code $.model.hidden[1]}; null when the problem
     *                 is not with one value (unreadable file, malformed syntax)
     * @param line     1-based, or 0 when unknown
     * @param column   1-based, or 0 when unknown
     * @param problem  what is wrong and, where it helps, what would be right
     */
    public TaskSpecException(String file, String jsonPath, int line, int column, String problem) {
        this(file, jsonPath, line, column, problem, null);
    }

    TaskSpecException(String file, String jsonPath, int line, int column, String problem, Throwable cause) {
        super(format(file, jsonPath, line, column, problem), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.jsonPath = jsonPath;
        this.line = Math.max(line, 0);
        this.column = this.line == 0 ? 0 : Math.max(column, 0);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    private static String format(String file, String jsonPath, int line, int column, String problem) {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line).append(':').append(Math.max(column, 0));
        }
        b.append(": ");
        if (jsonPath != null) {
            b.append(jsonPath).append(": ");
        }
        return b.append(problem).toString();
    }

    /** The file as named in the message. */
    public String file() {
        return file;
    }

    /** Where in the document, as {@code $.model.hidden[1]}; null if the problem is not with one value. */
    public String jsonPath() {
        return jsonPath;
    }

    /** 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** The message without the file, location and path. */
    public String problem() {
        return problem;
    }
}
