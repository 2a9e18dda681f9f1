package org.optsearch.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opening a store file: the checks that run before any work, each failing with a message that names the
 * file and what is wrong with it.
 */
final class StoreFiles {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private StoreFiles() {
    }

    /**
     * Makes the parent folders of a new store and checks that they can hold it, before its writer lock is
     * taken there.
     */
    static void prepareFolder(Path file) {
        String name = file.toString();
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new StoreException("cannot create " + name + ": " + e.getFile() + " is not a directory", e);
        } catch (AccessDeniedException e) {
            throw new StoreException("cannot create " + name + ": permission denied (" + e.getFile() + ")", e);
        } catch (IOException e) {
            throw new StoreException("cannot create " + name + ": " + reason(e), e);
        }
        if (Files.isDirectory(file)) {
            throw new StoreException("cannot create " + name + ": it is a directory");
        }
        if (parent != null && !Files.isWritable(parent)) {
            throw new StoreException("cannot create " + name + ": permission denied (" + parent + " is not writable)");
        }
    }

    /** Checks that {@code file}, in a folder {@link #prepareFolder} made, is new (or empty); opens it read-write. */
    static Connection createNew(Path file) {
        String name = file.toString();
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                throw new StoreException(name + " already exists; give a new file for a new run"
                        + " (an existing run is continued with resume, not overwritten)");
            }
        } catch (IOException e) {
            throw new StoreException("cannot create " + name + ": " + reason(e), e);
        }
        for (String suffix : new String[] {"-wal", "-journal"}) {
            if (Files.exists(Path.of(name + suffix))) {
                throw new StoreException("cannot create " + name + ": " + name + suffix + " is left from an earlier "
                        + "database of that name and would be applied to the new one; remove it first");
            }
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new StoreException("cannot create " + name + ": permission denied (the file is read-only)");
        }
        try {
            return connect(file, false);
        } catch (SQLException e) {
            throw new StoreException("cannot create " + name + ": " + BatchWriter.message(e), e);
        }
    }

    /** Checks that an existing store, and the folder where SQLite keeps its log beside it, can be written. */
    static void checkWritable(Path file) {
        if (!Files.exists(file)) {
            throw new StoreException(file + " does not exist");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isWritable(file) || folder != null && !Files.isWritable(folder)) {
            String why = Files.isWritable(file) ? folder + " is not writable, and SQLite keeps its log beside the file"
                    : "the file is read-only";
            throw new StoreException("cannot open " + file + " for writing: permission denied (" + why + ")");
        }
    }

    /**
     * An existing store, opened read-only after every check.
     *
     * @param version   the schema it was written with
     * @param createdBy what wrote it ({@code optsearch 0.1.0}), or null
     */
    record Existing(Connection connection, int version, String createdBy) {
    }

    /**
     * Opens an existing store after checking, in order: the file exists, is a SQLite database, has our meta
     * table, has a schema this version reads ({@link Schema#OLDEST_READABLE} to {@link Schema#VERSION}), and
     * passes SQLite's {@code quick_check}. The connection is read-only: nothing is written to a file before it
     * passed.
     */
    static Existing openExisting(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new StoreException(name + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new StoreException(name + " is not an OptSearch run store (not a regular file)");
        }
        checkHeader(file, name);
        Connection c;
        try {
            c = connect(file, true);
        } catch (SQLException e) {
            throw new StoreException("cannot open " + name + ": " + BatchWriter.message(e), e);
        }
        try {
            return validate(c, name);
        } catch (SQLException e) {
            close(c);
            throw classify(name, e);
        } catch (RuntimeException e) {
            close(c);
            throw e;
        }
    }

    private static void checkHeader(Path file, String name) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SQLITE_HEADER.length);
        } catch (AccessDeniedException e) {
            throw new StoreException("cannot read " + name + ": permission denied", e);
        } catch (IOException e) {
            throw new StoreException("cannot read " + name + ": " + reason(e), e);
        }
        if (head.length == 0) {
            throw new StoreException(name + " is not an OptSearch run store (the file is empty)");
        }
        if (!Arrays.equals(head, SQLITE_HEADER)) {
            throw new StoreException(name + " is not an OptSearch run store (not a SQLite database)");
        }
    }

    private static Existing validate(Connection c, String name) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        if (!tables.contains("meta")) {
            throw new StoreException(name + " is a SQLite database but not an OptSearch run store (it has no meta "
                    + "table; its tables: " + (tables.isEmpty() ? "none" : String.join(", ", new TreeSet<>(tables)))
                    + ")");
        }
        String version = null;
        String createdBy = null;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT key, value FROM meta")) {
            while (r.next()) {
                if ("schema_version".equals(r.getString(1))) {
                    version = r.getString(2);
                } else if ("created_by".equals(r.getString(1))) {
                    createdBy = r.getString(2);
                }
            }
        }
        if (version == null) {
            throw new StoreException(name + " is not an OptSearch run store (its meta table has no schema_version)");
        }
        int v;
        try {
            v = Integer.parseInt(version.trim());
        } catch (NumberFormatException e) {
            throw new StoreException(name + " is not an OptSearch run store (schema_version '" + version
                    + "' is not a number)");
        }
        if (v < Schema.OLDEST_READABLE || v > Schema.VERSION) {
            throw new StoreException(name + " was written by " + (v > Schema.VERSION ? "a newer" : "an older")
                    + " OptSearch (schema " + v + (createdBy == null ? "" : ", " + createdBy) + "); this version ("
                    + RunInfo.currentVersion() + ") reads schemas " + Schema.OLDEST_READABLE + " to " + Schema.VERSION);
        }
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA quick_check(5)")) {
            while (r.next()) {
                problems.add(r.getString(1));
            }
        }
        if (!(problems.size() == 1 && "ok".equals(problems.get(0)))) {
            String found = String.join("; ", problems).replace("*** in database main ***", "")
                    .replaceAll("\\s*\n\\s*", "; ").replaceAll("^[;\\s]+", "");
            throw new StoreException(name + " is damaged (SQLite's quick_check: "
                    + (found.length() > 300 ? found.substring(0, 300) + "..." : found) + "); it cannot be read safely");
        }
        for (String t : Schema.tables(v)) {
            if (!tables.contains(t)) {
                throw new StoreException(name + " is damaged: it has schema " + v + " but no table '" + t + "'");
            }
        }
        return new Existing(c, v, createdBy);
    }

    /** A database error while opening: damaged, not a database, locked, or something else. */
    static StoreException classify(String name, SQLException e) {
        SQLiteErrorCode code = e instanceof SQLiteException ? ((SQLiteException) e).getResultCode() : null;
        int primary = code == null ? -1 : code.code & 0xff;
        if (primary == SQLiteErrorCode.SQLITE_CORRUPT.code) {
            return new StoreException(name + " is damaged (SQLite: the database disk image is malformed); it cannot be "
                    + "read safely", e);
        }
        if (primary == SQLiteErrorCode.SQLITE_NOTADB.code) {
            return new StoreException(name + " is not an OptSearch run store (not a SQLite database)", e);
        }
        if (primary == SQLiteErrorCode.SQLITE_BUSY.code || primary == SQLiteErrorCode.SQLITE_LOCKED.code) {
            return new StoreException(name + " is locked by another process; try again when it is done", e);
        }
        return new StoreException("cannot read " + name + ": " + BatchWriter.message(e), e);
    }

    static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(readOnly);
        config.setBusyTimeout(10_000);
        if (!readOnly) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            config.setCacheSize(-32_768); // KiB: the line index stays in memory for long runs
        }
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
    }

    /** Removes a store and the files SQLite keeps beside it; what cannot be removed stays. */
    static void delete(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException e) {
                // stays; a later create names it
            }
        }
    }

    static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already failing
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory (" + ((NoSuchFileException) e).getFile() + ")";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(Locale.ROOT);
        }
        return BatchWriter.message(e);
    }
}
