package org.optsearch.train.data;

import java.io.IOException;

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

    /** Carries a DataException through a stream's {@code IOException}-only methods; unwrapped by the reader. */
    static final class Wrapped extends IOException {
        Wrapped(DataException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized DataException getCause() {
            return (DataException) super.getCause();
        }
    }
}
