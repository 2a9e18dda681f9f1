package org.optsearch.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One background thread that writes queued events: every {@value #PERIOD_MS} ms, or as soon as
 * {@value #BATCH} events wait, everything queued goes into the database in one transaction. Producers
 * only append to a list under a short lock. A failed write is kept and thrown, with the file's name, from
 * every later {@link #add}, {@link #flush} and {@link #close}: nothing is dropped silently.
 */
final class BatchWriter {
    static final int BATCH = 1000;
    static final long PERIOD_MS = 200;
    /** Producers wait when this many events are queued (the disk cannot keep up): memory stays bounded. */
    static final int MAX_PENDING = 250_000;

    private final String name;
    private final Connection connection;
    private final Events.Statements statements;
    private final Object lock = new Object();
    private final Thread thread;

    private ArrayList<Events.Event> pending = new ArrayList<>();
    private long enqueued;
    private long committed;
    private long flushWanted;
    private long lastSeq;
    private boolean closing;
    private StoreException failure;

    /**
     * @param name    the file, for messages
     * @param lastSeq the last event number already in the file (0 for a new store)
     */
    BatchWriter(String name, Connection connection, long lastSeq) throws SQLException {
        this.name = name;
        this.connection = connection;
        this.lastSeq = lastSeq;
        connection.setAutoCommit(false);
        this.statements = new Events.Statements(connection);
        this.thread = new Thread(this::loop, "run-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an event; throws the writer's failure, if any. Waits only when {@value #MAX_PENDING} are queued. */
    void add(Events.Event e) {
        synchronized (lock) {
            check();
            while (pending.size() >= MAX_PENDING) {
                try {
                    lock.wait();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting to record an event in " + name);
                }
                check();
            }
            pending.add(e);
            enqueued++;
            if (pending.size() == BATCH) {
                lock.notifyAll();
            }
        }
    }

    /** Returns once every event queued before the call is committed; throws the writer's failure, if any. */
    void flush() {
        synchronized (lock) {
            check();
            long target = enqueued;
            flushWanted = Math.max(flushWanted, target);
            lock.notifyAll();
            while (committed < target) {
                if (failure != null) {
                    throw failure();
                }
                try {
                    lock.wait();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for " + name + " to be written");
                }
            }
        }
    }

    /** The failure that stopped the writer, or null. */
    StoreException failed() {
        synchronized (lock) {
            return failure;
        }
    }

    /** The number of the last event committed. */
    long lastSeq() {
        synchronized (lock) {
            return lastSeq;
        }
    }

    /**
     * Writes what is queued and stops the thread; afterwards {@link #add} refuses. Throws the writer's
     * failure, if any. The connection stays open for the caller to close.
     */
    void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            lock.notifyAll();
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException ie) {
                interrupted = true;
            }
        }
        statements.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (failure != null) {
                throw failure();
            }
        }
    }

    private void check() {
        if (failure != null) {
            throw failure();
        }
        if (closing) {
            throw new StoreException("the run store " + name + " is closed; no more events can be recorded");
        }
    }

    /** A new exception each time, so that each thrower gets its own stack trace; the cause is the first. */
    private StoreException failure() {
        return new StoreException(failure.getMessage(), failure);
    }

    private void loop() {
        while (true) {
            ArrayList<Events.Event> batch;
            synchronized (lock) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
                while (!closing && pending.size() < BATCH && flushWanted <= committed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        // only close() stops the writer
                    }
                }
                if (pending.isEmpty()) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch = pending;
                pending = new ArrayList<>(Math.min(Math.max(16, batch.size()), MAX_PENDING));
                lock.notifyAll();
            }
            long seq;
            synchronized (lock) {
                seq = lastSeq;
            }
            try {
                for (Events.Event e : batch) {
                    e.write(statements, ++seq);
                }
                statements.executeBatches();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                statements.clearBatches();
                try {
                    connection.rollback();
                } catch (SQLException | RuntimeException ignored) {
                    // the first error is the one to report
                }
                synchronized (lock) {
                    failure = new StoreException("cannot write the run store " + name + ": " + message(e)
                            + " (" + batch.size() + " events of the failed batch and all later ones are not saved)",
                            e);
                    lock.notifyAll();
                }
                return;
            }
            synchronized (lock) {
                lastSeq = seq;
                committed += batch.size();
                lock.notifyAll();
            }
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
