package org.optsearch.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.SearchState;
import org.optsearch.train.run.TrainResult;

/**
 * Reads the stored events back: the population queue as it was recorded (population events and restarts
 * in order, for reports), and the resume point ({@link StateReplay} rebuilds the engine's state).
 */
final class Replay {
    private Replay() {
    }

    /** The population queue after replaying the recorded joins and restarts up to {@code lastSeq}. */
    private record State(ArrayDeque<StoredRun.Member> queue) {
    }

    static List<StoredRun.Member> population(Connection c, String name, long lastSeq) {
        try {
            return new ArrayList<>(replay(c, name, lastSeq).queue());
        } catch (SQLException e) {
            throw StoreFiles.classify(name, e);
        }
    }

    private static State replay(Connection c, String name, long lastSeq) throws SQLException {
        JsonNode config = config(c);
        if (!config.hasNonNull("populationSize")) {
            throw new StoreException(name + ": the run's config has no populationSize; its population cannot be "
                    + "replayed");
        }
        int capacity = config.get("populationSize").asInt();
        ArrayDeque<StoredRun.Member> queue = new ArrayDeque<>();
        Map<Long, Double> fitness = new HashMap<>();
        StoredRun.Member best = new StoredRun.Member(0, 1.0); // the start program: 1 by definition
        // population_event is a table in schema 1 and a view of the program table in schema 2: the same columns.
        String sql = "SELECT seq, 0 AS kind, program_id AS id, fitness FROM population_event WHERE seq <= ?"
                + " UNION ALL SELECT seq, 1, best_program_id, NULL FROM restart WHERE seq <= ? ORDER BY seq";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, lastSeq);
            s.setLong(2, lastSeq);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong("id");
                    if (r.getInt("kind") == 0) {
                        StoredRun.Member m = new StoredRun.Member(id, Sql.getDouble(r, "fitness"));
                        fitness.putIfAbsent(id, m.fitness());
                        queue.addLast(m);
                        if (queue.size() > capacity) {
                            queue.removeFirst();
                        }
                        if (m.fitness() > best.fitness()) {
                            best = m;
                        }
                    } else {
                        StoredRun.Member b = new StoredRun.Member(id, fitness.containsKey(id) ? fitness.get(id)
                                : id == best.programId() ? best.fitness() : stageA(c, id));
                        queue.clear();
                        for (int i = 0; i < capacity; i++) {
                            queue.addLast(b);
                        }
                    }
                }
            }
        }
        return new State(queue);
    }

    static ResumePoint resumePoint(StoredRun run, Connection c, String name) {
        try {
            RunInfo info = run.info();
            long lastSeq = RunStore.lastSeq(c);
            SearchState state = StateReplay.replay(run, c, name, ConfigJson.read(info.configJson()), lastSeq);
            ProgramRows rows = run.programRows();
            List<double[]> last = run.query("SELECT invalid, seconds FROM status ORDER BY seq DESC LIMIT 1",
                    r -> new double[] {r.getLong(1), r.getDouble(2)});
            double elapsed = last.isEmpty() ? 0 : last.get(0)[1];
            List<StoredProgram> unevaluated = run.query("SELECT * FROM program p WHERE p.source = "
                    + rows.sql(Source.EVALUATED)
                    + " AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.program_id = p.id AND e.stage = 'A')"
                    + " ORDER BY p.id", rows::map);
            return new ResumePoint(info.configJson(), lastSeq, state, unevaluated, elapsed, run.finished().isPresent());
        } catch (SQLException e) {
            throw StoreFiles.classify(name, e);
        }
    }

    /** {@code [[step, train_loss, val_loss, val_accuracy], ...]} back to points; null is NaN. */
    static List<TrainResult.Point> curve(String json) {
        JsonNode points = ConfigJson.tree(json);
        List<TrainResult.Point> out = new ArrayList<>(points.size());
        for (JsonNode p : points) {
            out.add(new TrainResult.Point(p.get(0).asInt(), number(p.get(1)), number(p.get(2)), number(p.get(3))));
        }
        return out;
    }

    private static double number(JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static JsonNode config(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT config_json FROM run")) {
            return r.next() ? ConfigJson.tree(r.getString(1)) : ConfigJson.tree("{}");
        }
    }

    private static double stageA(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT fitness FROM evaluation WHERE program_id = ? AND stage = 'A' ORDER BY seq LIMIT 1")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Sql.getDouble(r, "fitness") : id == 0 ? 1.0 : Double.NaN;
            }
        }
    }
}
