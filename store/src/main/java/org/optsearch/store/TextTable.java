package org.optsearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer's side of a table of texts stored once each and referred to by id: {@code line} (lines of
 * program text) and {@code mutation_words}. Used by the writer thread only.
 *
 * <p>A map of the texts used last gives their ids: a child shares all but one line with its parent, and
 * parents come from the current population, so nearly every lookup is answered there. A text it does not
 * hold gets a new row. The map is bounded, so that a search of millions of programs keeps a bounded heap;
 * a text it has forgotten, if it comes again, is stored again under a new id, which is rare and harmless
 * (readers only go from id to text). That is why the table needs no index on its text: an index would
 * cost as much space as the texts themselves. A resumed store starts with the most recent rows in the map.
 * After a failed transaction the map may hold ids that were rolled back; the writer stops for good then.
 */
final class TextTable {
    /** Lines kept in memory: about 25 MB. A 3-minute search (~500,000 programs) has fewer distinct lines. */
    static final int LINES = 200_000;
    /**
     * Mutation words kept in memory: about 10 MB. The words that repeat (a deletion or insertion at a
     * place, a variable changed) are a few thousand; the rest name a new constant and never come again.
     */
    static final int WORDS = 50_000;

    private final PreparedStatement insert;
    private final Map<String, Long> recent;
    private long nextId;

    /**
     * @param table    {@code line} or {@code mutation_words}
     * @param column   its text column
     * @param capacity how many texts the map holds
     */
    TextTable(Connection c, String table, String column, int capacity) throws SQLException {
        recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
        // The newest rows, oldest first: the map forgets the oldest first.
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, " + column + " FROM (SELECT id, " + column + " FROM " + table
                        + " ORDER BY id DESC LIMIT " + capacity + ") ORDER BY id")) {
            while (r.next()) {
                nextId = r.getLong(1);
                recent.put(r.getString(2), nextId);
            }
        }
        nextId++;
        insert = c.prepareStatement("INSERT INTO " + table + " (id, " + column + ") VALUES (?, ?)");
    }

    /** The id of {@code text}, added to the table if it is not in the map. */
    long id(String text) throws SQLException {
        Long id = recent.get(text);
        if (id == null) {
            id = nextId++;
            insert.setLong(1, id);
            insert.setString(2, text);
            insert.addBatch();
            recent.put(text, id);
        }
        return id;
    }

    /** Writes the texts added since the last call; before the rows that refer to them, in the same transaction. */
    void executeBatch() throws SQLException {
        insert.executeBatch();
    }

    void clearBatch() {
        try {
            insert.clearBatch();
        } catch (SQLException e) {
            // the connection is failing already; the caller reports the first error
        }
    }

    void close() {
        try {
            insert.close();
        } catch (SQLException e) {
            // closing
        }
    }
}
