package org.optsearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
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

    ProgramRows(Connection connection, String name, int version) {
        this.name = name;
        this.version = version;
        this.lines = new Texts(connection, "SELECT text FROM line WHERE id = ?");
        this.words = new Texts(connection, "SELECT words FROM mutation_words WHERE id = ?");
    }

    /** The value of {@code program.source} for {@code source}, as an SQL literal of the store's schema. */
    String sql(Source source) {
        return version == 1 ? "'" + source.name() + "'" : Integer.toString(SourceCode.code(source));
    }

    /** The program of the current row. */
    StoredProgram map(ResultSet r) throws SQLException {
        long id = r.getLong("id");
        String text;
        String mutation;
        Source source;
        if (version == 1) {
            text = r.getString("text");
            mutation = r.getString("mutation");
            source = Source.valueOf(r.getString("source"));
        } else {
            try {
                text = LineList.decode(r.getString("lines"), lines::get);
                mutation = MutationWords.decode(text(r, "mutation", words, "words"),
                        text(r, "mutation_line1", lines, "line"), text(r, "mutation_line2", lines, "line"));
                source = SourceCode.source(r.getInt("source"));
            } catch (IllegalArgumentException e) {
                throw new StoreException(name + " is damaged: program " + id + ": " + e.getMessage(), e);
            }
        }
        return new StoredProgram(id, Sql.getLong(r, "parent", -1), hash(r.getObject("hash")), r.getLong("fingerprint"),
                r.getInt("length"), r.getInt("redundant"), mutation, text, source, r.getLong("seq"),
                r.getLong("generated_at_ms"));
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
