package org.optsearch.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.lang.Program;
import org.optsearch.search.Finalist;
import org.optsearch.train.run.TrainResult;

/**
 * The end-of-search comparison (the best programs, simplified, the start program and Lion, each with
 * its fitness per stage and its trainings on stages B and C), kept in two tables so that
 * {@code optsearch report --store} shows the same learning curves as the report written at the end of
 * the search. The tables are made when the first finale is recorded: stores of searches that ended
 * before (or were killed) have none, and read as having no finale.
 */
final class FinaleRecord {
    private static final List<String> CREATE = List.of("""
            CREATE TABLE IF NOT EXISTS finalist (
              rank      INTEGER PRIMARY KEY,  -- order in the end-of-search comparison, from 0
              name      TEXT NOT NULL,        -- e.g. 'candidate 812 (greedy: 9 -> 6 statements)', 'lion.opt ...'
              text      TEXT NOT NULL,        -- the program as compared (simplified)
              fitness_a REAL, fitness_b REAL, fitness_c REAL  -- normalized; NULL where the stage is not set
            )""", """
            CREATE TABLE IF NOT EXISTS finalist_result (
              rank       INTEGER NOT NULL,  -- finalist(rank)
              stage      TEXT NOT NULL,     -- B or C
              task       TEXT NOT NULL,
              steps      INTEGER NOT NULL,
              val_loss   REAL,
              fitness    REAL,              -- the task's own objective; -Inf = failed
              divergence TEXT,
              seconds    REAL NOT NULL,
              curve_json TEXT NOT NULL      -- as in task_result
            )""");

    private FinaleRecord() {
    }

    /**
     * Replaces the recorded finale of the store (a resumed and finished run records its new one), as the
     * store's one writer for that moment.
     */
    static void write(Path file, List<Finalist> finalists) {
        try (StoreLock lock = StoreLock.acquire(file, "recording the end-of-search comparison");
                Connection c = StoreFiles.connect(file, false)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : CREATE) {
                    s.execute(sql);
                }
                s.execute("DELETE FROM finalist");
                s.execute("DELETE FROM finalist_result");
            }
            try (PreparedStatement f = c.prepareStatement("INSERT INTO finalist VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement t = c.prepareStatement(
                         "INSERT INTO finalist_result VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int rank = 0; rank < finalists.size(); rank++) {
                    Finalist x = finalists.get(rank);
                    f.setInt(1, rank);
                    f.setString(2, x.name());
                    f.setString(3, x.program().print());
                    Sql.setDouble(f, 4, x.fitnessA());
                    Sql.setDouble(f, 5, x.fitnessB());
                    Sql.setDouble(f, 6, x.fitnessC());
                    f.executeUpdate();
                    results(t, rank, "B", x.trainedB());
                    results(t, rank, "C", x.trainedC());
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = DELETE"); // one self-contained file again, as RunStore leaves it
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the end-of-search comparison in " + file + ": "
                    + BatchWriter.message(e), e);
        }
    }

    private static void results(PreparedStatement t, int rank, String stage, List<TrainResult> results)
            throws SQLException {
        for (TrainResult r : results) {
            t.setInt(1, rank);
            t.setString(2, stage);
            t.setString(3, r.task());
            t.setInt(4, r.steps());
            Sql.setDouble(t, 5, r.valLoss());
            Sql.setDouble(t, 6, r.fitness());
            Sql.setString(t, 7, r.divergence());
            t.setDouble(8, r.seconds());
            t.setString(9, Sql.curveJson(r.curve()));
            t.executeUpdate();
        }
    }

    /** The recorded finale, in its order; empty when none was recorded. */
    static List<Finalist> read(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'finalist'")) {
            if (!r.next() || r.getInt(1) == 0) {
                return List.of();
            }
        }
        Map<Integer, List<TrainResult>> b = new LinkedHashMap<>();
        Map<Integer, List<TrainResult>> cc = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT f.name, t.* FROM finalist_result t JOIN finalist f ON f.rank = t.rank ORDER BY t.rowid")) {
            while (r.next()) {
                TrainResult result = new TrainResult(r.getString("task"), r.getString("name"), r.getInt("steps"),
                        Sql.getDouble(r, "val_loss"), Double.NaN, Sql.getDouble(r, "fitness"), r.getString("divergence"),
                        r.getDouble("seconds"), Replay.curve(r.getString("curve_json")));
                (r.getString("stage").equals("B") ? b : cc).computeIfAbsent(r.getInt("rank"), k -> new ArrayList<>())
                        .add(result);
            }
        }
        List<Finalist> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM finalist ORDER BY rank")) {
            while (r.next()) {
                int rank = r.getInt("rank");
                out.add(new Finalist(r.getString("name"), Program.parse(r.getString("text")),
                        Sql.getDouble(r, "fitness_a"), Sql.getDouble(r, "fitness_b"), Sql.getDouble(r, "fitness_c"),
                        b.getOrDefault(rank, List.of()), cc.getOrDefault(rank, List.of())));
            }
        } catch (org.optsearch.lang.ProgramException e) {
            throw new SQLException(name + ": a recorded finalist's program does not parse: " + e.getMessage(), e);
        }
        return out;
    }
}
