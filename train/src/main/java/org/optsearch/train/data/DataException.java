package org.optsearch.train.data;

/**
 * A data file that is missing, unreadable or malformed. The message names the file and the
 * problem, and where it can, what would fix it: {@code data.csv:17: expected 31 columns, found 30}.
 */
public final class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
