package org.optsearch.store;

/**
 * A run store that cannot be created, opened or written: the message names the file and says what is
 * wrong ({@code runs/x.db is not an OptSearch run store (not a SQLite database)}). Unchecked, so that it
 * can leave a {@link org.optsearch.search.SearchListener} method.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
