package org.optsearch.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.optsearch.search.Candidate;
import org.optsearch.search.Finalist;
import org.optsearch.search.Score;
import org.optsearch.search.StageName;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchStatus;

/**
 * A search run recorded in an SQLite file (default {@code runs/<timestamp>.db}; schema in {@link Schema}).
 * As a {@link SearchListener} it only queues each event (cheap, thread-safe, callable under the engine's
 * lock); one background thread commits the queue every 200 ms or 1000 events, in one transaction per
 * batch, to a file in write-ahead-log mode. {@link #flush()} waits for what was queued; {@link #close()}
 * flushes and closes. A failed write is not dropped: it is thrown, naming the file, from the next
 * listener call, {@link #flush()} or {@link #close()}. A store has one writer at a time: each holds the store's
 * {@link StoreLock} from opening to closing, and a second is refused at once, naming the first.
 *
 * <pre>{@code
 * try (RunStore store = RunStore.create(Path.of("runs/x.db"), RunInfo.of(config, commandLine))) {
 *     SearchResult result = new SearchEngine(config, tasks, store, System::nanoTime).run();
 *     store.finish(result);
 * }
 * }</pre>
 */
public final class RunStore implements SearchListener, AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final BatchWriter writer;
    private final Clock clock;
    private final long session;
    private final StoreLock lock;
    private final boolean created;
    private boolean closed;

    private RunStore(Path file, Connection connection, long lastSeq, long session, Clock clock, StoreLock lock,
            boolean created) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.clock = clock;
        this.session = session;
        this.lock = lock;
        this.created = created;
        this.writer = new BatchWriter(file.toString(), connection, lastSeq);
    }

    /**
     * Creates a new store for a run: makes the parent folders, takes the store's writer lock, refuses a file
     * that exists and is not empty, writes the schema and the run's row.
     *
     * @throws StoreException naming the file: another process writes it, it exists, or the folder cannot be
     *                        made or written
     */
    public static RunStore create(Path file, RunInfo info) {
        return create(file, info, Clock.systemUTC());
    }

    /** {@link #create(Path, RunInfo)} with a clock for the events' times. */
    public static RunStore create(Path file, RunInfo info, Clock clock) {
        StoreFiles.prepareFolder(file);
        StoreLock lock = StoreLock.acquire(file, info.commandLine());
        Connection c;
        try {
            c = StoreFiles.createNew(file);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String ddl : Schema.CREATE) {
                    s.execute(ddl);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO source (code, name) VALUES (?, ?)")) {
                for (Source source : SourceCode.all()) {
                    p.setInt(1, SourceCode.code(source));
                    p.setString(2, source.name());
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO meta (key, value) VALUES (?, ?)")) {
                p.setString(1, "schema_version");
                p.setString(2, Integer.toString(Schema.VERSION));
                p.addBatch();
                p.setString(1, "created_by");
                p.setString(2, info.createdBy());
                p.addBatch();
                p.executeBatch();
            }
            insertRun(c, info);
            long session = insertSession(c, info, clock.millis(), 1);
            c.commit();
            return new RunStore(file, c, 0, session, clock, lock, true);
        } catch (SQLException e) {
            StoreFiles.close(c);
            lock.close();
            throw new StoreException("cannot create " + file + ": " + BatchWriter.message(e), e);
        }
    }

    /**
     * Opens an existing store to add events to it (a resumed run): takes the store's writer lock first, then
     * makes the checks of {@link #open}; only a store of schema {@link Schema#VERSION} can be added to. The run
     * is marked unfinished until the next {@link #finish}; a session row records who resumed it.
     *
     * @param commandLine the command that resumed the run, or null
     * @throws StoreException naming the file: another process writes it, or what is wrong with it
     */
    public static RunStore openForAppend(Path file, String commandLine) {
        return openForAppend(file, commandLine, null);
    }

    public static RunStore openForAppend(Path file) {
        return openForAppend(file, null);
    }

    /**
     * {@link #openForAppend(Path, String)} with the store's writer lock already taken by
     * {@link #lockForAppend} (so that a caller can read the store before writing it, sure to be its only
     * writer): the store releases the lock on closing, or at once when it cannot be opened.
     */
    public static RunStore openForAppend(Path file, String commandLine, StoreLock lock) {
        return openForAppend(file, commandLine, lock, Clock.systemUTC());
    }

    static RunStore openForAppend(Path file, String commandLine, StoreLock given, Clock clock) {
        if (given != null && !given.store().equals(file)) {
            throw new IllegalArgumentException("the lock of " + given.store() + " given to write " + file);
        }
        StoreLock lock = given != null ? given : lockForAppend(file, commandLine);
        try {
            return append(file, commandLine, clock, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Takes the writer lock of an existing store, to be handed to {@link #openForAppend(Path, String, StoreLock)}
     * (or closed); a missing or read-only file is named first.
     *
     * @throws StoreException naming the file: another process writes it, it does not exist, or cannot be written
     */
    public static StoreLock lockForAppend(Path file, String commandLine) {
        StoreFiles.checkWritable(file);
        return StoreLock.acquire(file, commandLine);
    }

    private static RunStore append(Path file, String commandLine, Clock clock, StoreLock lock) {
        StoreFiles.Existing existing = StoreFiles.openExisting(file); // every check, read-only, before any write
        StoreFiles.close(existing.connection());
        if (existing.version() != Schema.VERSION) {
            throw new StoreException(file + " has schema " + existing.version() + (existing.createdBy() == null ? ""
                    : " (" + existing.createdBy() + ")") + ", which this version (" + RunInfo.currentVersion()
                    + ") reads but does not add to (it writes schema " + Schema.VERSION + "): resume it with the "
                    + "OptSearch that wrote it, or start a new run");
        }
        Connection c;
        try {
            c = StoreFiles.connect(file, false);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + " for writing: " + BatchWriter.message(e), e);
        }
        try {
            String fitness = ConfigJson.fitness(configJson(c));
            if (!fitness.equals(ConfigJson.FITNESS)) {
                throw new StoreException(file + " was recorded by a version of OptSearch that selected on " + fitness
                        + "; this version selects on " + ConfigJson.FITNESS + ", and one run cannot mix the two: "
                        + "resume it with the OptSearch that wrote it, or start a new run");
            }
            c.setAutoCommit(false);
            Schema.upgrade(c);
            long lastSeq = lastSeq(c);
            RunInfo info = RunInfo.of("{}", commandLine, clock.instant());
            long session = insertSession(c, info, clock.millis(), lastSeq + 1);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE run SET finished = NULL, finished_ms = NULL, summary_json = NULL");
            }
            c.commit();
            return new RunStore(file, c, lastSeq, session, clock, lock, false);
        } catch (SQLException e) {
            StoreFiles.close(c);
            throw StoreFiles.classify(file.toString(), e);
        }
    }

    private static String configJson(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery("SELECT config_json FROM run")) {
            return r.next() ? r.getString(1) : "{}";
        }
    }

    /**
     * Opens a store read-only, for a report or a resume. Checks first that the file exists, is a SQLite
     * database, is an OptSearch run store of a schema this version reads (this one, or schema 1 of earlier
     * versions), and is not damaged.
     *
     * @throws StoreException naming the file and what is wrong with it
     */
    public static StoredRun open(Path file) {
        StoreFiles.Existing existing = StoreFiles.openExisting(file);
        return new StoredRun(file, existing.connection(), existing.version());
    }

    public Path file() {
        return file;
    }

    /**
     * Records the end-of-search comparison in a closed store (replacing one recorded before), so that
     * a report made later from the store alone shows it too.
     *
     * @throws StoreException naming the file when it cannot be written
     */
    public static void recordFinale(Path file, List<Finalist> finalists) {
        FinaleRecord.write(file, finalists);
    }

    @Override
    public void generated(Candidate candidate, Source source) {
        writer.add(new Events.Generated(candidate, source, clock.millis()));
    }

    @Override
    public void evaluated(Candidate candidate, StageName stage, Score score, int worker, double seconds) {
        writer.add(new Events.Evaluated(candidate.id(), stage, score, worker, seconds, clock.millis()));
    }

    @Override
    public void populationChanged(Candidate added, double fitness, Candidate removed) {
        writer.add(new Events.Joined(added.id(), fitness));
    }

    @Override
    public void restarted(Candidate best, long generated) {
        writer.add(new Events.Restarted(best.id(), generated, clock.millis()));
    }

    @Override
    public void problem(Candidate candidate, String what) {
        writer.add(new Events.Problem(candidate == null ? null : candidate.id(), what, clock.millis()));
    }

    /** Records a snapshot of the counters; the CLI calls this every few seconds with the engine's status. */
    public void recordStatus(SearchStatus status) {
        writer.add(new Events.Status(status, false, clock.millis()));
    }

    /**
     * Marks the run finished: a final status row, and the run row's finish time and summary (counters, best
     * programs, meta-validation curve as JSON). Waits until everything is written.
     */
    public void finish(SearchResult result) {
        long now = clock.millis();
        writer.add(new Events.Status(result.status(), true, now));
        writer.add(new Events.Finished(Summary.json(result), now));
        writer.flush();
    }

    /** Returns once every event recorded so far is committed to the file. */
    public void flush() {
        writer.flush();
    }

    /** The error that stopped the writer, or null while all is well (for a status line to poll). */
    public StoreException failure() {
        return writer.failed();
    }

    /** Writes what is queued, records the session's end and closes the file; throws a write failure. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
            try (PreparedStatement p = connection.prepareStatement("UPDATE session SET ended_ms = ? WHERE id = ?")) {
                p.setLong(1, clock.millis());
                p.setLong(2, session);
                p.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                throw new StoreException("cannot write the run store " + file + ": " + BatchWriter.message(e), e);
            }
            leaveWriteAheadLog();
        } finally {
            StoreFiles.close(connection);
            lock.close();
        }
    }

    /**
     * Closes the store of a run that failed. A store this object created is removed (the file, SQLite's files
     * beside it and the lock file) when no event reached it, so that nothing is left that looks like a run to
     * resume; any other store is closed as by {@link #close()}, keeping every event.
     *
     * @throws StoreException as {@link #close()}, when the store is kept and cannot be written
     */
    public synchronized void discardIfEmpty() {
        if (closed) {
            return;
        }
        boolean empty;
        try {
            writer.flush();
            empty = created && lastSeq(connection) == 0;
        } catch (SQLException | StoreException e) {
            empty = false;
        }
        if (!empty) {
            close();
            return;
        }
        closed = true;
        try {
            writer.close();
        } finally {
            StoreFiles.close(connection);
            StoreFiles.delete(file);
            lock.close();
        }
    }

    /**
     * A closed store goes back to a rollback journal: one self-contained file, which can then be read where
     * its folder is read-only (a WAL database needs to create a shared-memory file beside it). When a reader
     * has the file open this fails and the store stays in WAL mode, which is just as good.
     */
    private void leaveWriteAheadLog() {
        try {
            connection.setAutoCommit(true);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode = DELETE");
            }
        } catch (SQLException e) {
            // stays in WAL mode
        }
    }

    private static void insertRun(Connection c, RunInfo info) throws SQLException {
        JsonNode config = ConfigJson.tree(info.configJson());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO run (id, started, started_ms, config_json, "
                + "command_line, version, git_commit, jvm, os, host, seed, mode, budget, population_size) "
                + "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, info.started().toString());
            p.setLong(2, info.started().toEpochMilli());
            p.setString(3, info.configJson());
            Sql.setString(p, 4, info.commandLine());
            p.setString(5, info.version());
            Sql.setString(p, 6, info.gitCommit());
            p.setString(7, info.jvm());
            p.setString(8, info.os());
            Sql.setString(p, 9, info.host());
            Sql.setLong(p, 10, config.hasNonNull("seed") ? config.get("seed").asLong() : null);
            Sql.setString(p, 11, config.hasNonNull("mode") ? config.get("mode").asText() : null);
            Sql.setString(p, 12, config.hasNonNull("budget") ? config.get("budget").asText() : null);
            Sql.setLong(p, 13, config.hasNonNull("populationSize") ? config.get("populationSize").asLong() : null);
            p.executeUpdate();
        }
    }

    private static long insertSession(Connection c, RunInfo info, long nowMs, long firstSeq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO session (started, started_ms, first_seq, "
                + "command_line, version, git_commit, jvm, os, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, Instant.ofEpochMilli(nowMs).toString());
            p.setLong(2, nowMs);
            p.setLong(3, firstSeq);
            Sql.setString(p, 4, info.commandLine());
            p.setString(5, info.version());
            Sql.setString(p, 6, info.gitCommit());
            p.setString(7, info.jvm());
            p.setString(8, info.os());
            Sql.setString(p, 9, info.host());
            p.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT max(id) FROM session")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The largest event number in the file, 0 when it has none ({@code population_event}: a view in schema 2). */
    static long lastSeq(Connection c) throws SQLException {
        String sql = "SELECT max(m) FROM (SELECT max(seq) AS m FROM program UNION ALL SELECT max(seq) FROM evaluation"
                + " UNION ALL SELECT max(seq) FROM population_event UNION ALL SELECT max(seq) FROM restart"
                + " UNION ALL SELECT max(seq) FROM problem UNION ALL SELECT max(seq) FROM status)";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
