package org.optsearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.optsearch.search.Change;
import org.optsearch.search.SearchListener.Source;

/**
 * Turns rows of the {@code program} table ({@code SELECT *}, or {@code p.*} in a join) into
 * {@link StoredProgram}s, for either readable schema: version 2 stores the text as line ids, the mutation
 * as the id of its words with references to lines, the hash as an integer and the source as a code (decoded
 * here, with a cache of the texts read so far); version 1 stored them as text. Not thread-safe, like the
 * connection it reads.
 */
final class ProgramRows {
    private final String name;
    private final int version;
    private final Texts lines;
    private final Texts words;
    private final Connection connection;
    /** Whether the program table has the kind column (older schema-2 stores do not); known on first use. */
    private Boolean hasKind;

    ProgramRows(Connection connection, String name, int version) {
        this.name = name;
        this.version = version;
        this.connection = connection;
        this.lines = new Texts(connection, "SELECT text FROM line WHERE id = ?");
        this.words = new Texts(connection, "SELECT words FROM mutation_words WHERE id = ?");
    }

    /** The value of {@code program.source} for {@code source}, as an SQL literal of the store's schema. */
    String sql(Source source) {
        return version == 1 ? "'" + source.name() + "'" : Integer.toString(SourceCode.code(source));
    }

    /** The source of the current row (which has the column {@code source}). */
    Source source(ResultSet r) throws SQLException {
        try {
            return version == 1 ? Source.valueOf(r.getString("source")) : SourceCode.source(r.getInt("source"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException(name + " is damaged: program " + r.getLong("id") + " has source '"
                    + r.getString("source") + "'", e);
        }
    }

    /** The program of the current row. */
    StoredProgram map(ResultSet r) throws SQLException {
        long id = r.getLong("id");
        String text;
        Change change;
        Source source;
        if (version == 1) {
            text = r.getString("text");
            change = Change.of(Change.Kind.UNRECORDED, Objects.requireNonNullElse(r.getString("mutation"), ""));
            source = Source.valueOf(r.getString("source"));
        } else {
            try {
                text = LineList.decode(r.getString("lines"), lines::get);
                String line1 = text(r, "mutation_line1", lines, "line");
                String line2 = text(r, "mutation_line2", lines, "line");
                String mutation = MutationWords.decode(text(r, "mutation", words, "words"), line1, line2);
                change = new Change(kind(r), Objects.requireNonNullElse(mutation, ""),
                        MutationWords.quoted(line1, line2));
                source = SourceCode.source(r.getInt("source"));
            } catch (IllegalArgumentException e) {
                throw new StoreException(name + " is damaged: program " + id + ": " + e.getMessage(), e);
            }
        }
        return new StoredProgram(id, Sql.getLong(r, "parent", -1), hash(r.getObject("hash")), r.getLong("fingerprint"),
                r.getInt("length"), r.getInt("redundant"), change, text, source, r.getLong("seq"),
                r.getLong("generated_at_ms"));
    }

    /** The stored kind; UNRECORDED when the store was written before kinds were kept. */
    private Change.Kind kind(ResultSet r) throws SQLException {
        if (hasKind == null) {
            hasKind = Schema.hasColumn(connection, "program", "kind");
        }
        String kind = hasKind ? r.getString("kind") : null;
        if (kind == null) {
            return Change.Kind.UNRECORDED;
        }
        try {
            return Change.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its kind '" + kind + "' is not one of "
                    + java.util.Arrays.toString(Change.Kind.values()));
        }
    }

    /** Schema 2 keeps a hash as the 64-bit integer its 16 hex digits spell (text only if it was not such). */
    static String hash(Object stored) {
        return stored instanceof Number n ? String.format("%016x", n.longValue()) : String.valueOf(stored);
    }

    /** The value schema 2 stores for {@code hash}: a Long when it is 16 lowercase hex digits, else the text. */
    static Object storedHash(String hash) {
        if (hash.length() == 16) {
            try {
                long v = Long.parseUnsignedLong(hash, 16);
                if (hash(v).equals(hash)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // stored as text
            }
        }
        return hash;
    }

    /** The text that {@code column} refers to, or null when it is NULL. */
    private static String text(ResultSet r, String column, Texts texts, String what) throws SQLException {
        long id = r.getLong(column);
        if (r.wasNull()) {
            return null;
        }
        String text = texts.get(id);
        if (text == null) {
            throw new IllegalArgumentException("its " + column + " names " + what + " " + id + ", which is not there");
        }
        return text;
    }

    void close() {
        lines.close();
        words.close();
    }

    /** Texts by id from one table, read when first needed and kept (a bounded number, like the writer's). */
    private static final class Texts {
        private final Connection connection;
        private final String sql;
        private final Map<Long, String> known = new HashMap<>();
        private PreparedStatement byId;

        Texts(Connection connection, String sql) {
            this.connection = connection;
            this.sql = sql;
        }

        /** The text of {@code id}, or null when there is no such row. */
        String get(long id) throws SQLException {
            String text = known.get(id);
            if (text == null) {
                if (byId == null) {
                    byId = connection.prepareStatement(sql);
                }
                byId.setLong(1, id);
                try (ResultSet r = byId.executeQuery()) {
                    text = r.next() ? r.getString(1) : null;
                }
                if (text != null) {
                    if (known.size() >= TextTable.LINES) {
                        known.clear(); // the texts in use come back at once
                    }
                    known.put(id, text);
                }
            }
            return text;
        }

        void close() {
            if (byId != null) {
                try {
                    byId.close();
                } catch (SQLException e) {
                    // closing
                }
            }
        }
    }
}
