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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.search.Candidate;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.SearchResult;
import org.optsearch.train.run.TrainResult;

/**
 * Rebuilds the engine's state from the stored events: the population queue (population events and
 * restarts in order), the fitness caches and the counters.
 */
final class Replay {
    private Replay() {
    }

    /** The population queue after replaying events up to {@code lastSeq}, with the best member and plateau count. */
    private record State(ArrayDeque<StoredRun.Member> queue, StoredRun.Member best, long sinceImprovement) {
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
        boolean plateau = !config.hasNonNull("plateau") || config.get("plateau").asInt() > 0;
        ArrayDeque<StoredRun.Member> queue = new ArrayDeque<>();
        Map<Long, Double> fitness = new HashMap<>();
        StoredRun.Member best = new StoredRun.Member(0, 1.0); // the start program: 1 by definition
        long since = 0;
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
                            since = 0;
                        } else if (plateau) {
                            since++;
                        }
                    } else {
                        StoredRun.Member b = new StoredRun.Member(id, fitness.containsKey(id) ? fitness.get(id)
                                : id == best.programId() ? best.fitness() : stageA(c, id));
                        queue.clear();
                        for (int i = 0; i < capacity; i++) {
                            queue.addLast(b);
                        }
                        since = 0;
                    }
                }
            }
        }
        return new State(queue, best, since);
    }

    static ResumePoint resumePoint(StoredRun run, Connection c, String name) {
        try {
            RunInfo info = run.info();
            long lastSeq = RunStore.lastSeq(c);
            State state = replay(c, name, lastSeq);
            List<ResumePoint.Member> population = new ArrayList<>();
            Map<Long, StoredProgram> programs = new HashMap<>();
            for (StoredRun.Member m : state.queue()) {
                StoredProgram p = programs.computeIfAbsent(m.programId(), id -> program(run, name, id));
                population.add(new ResumePoint.Member(p, m.fitness()));
            }
            ResumePoint.Member best = new ResumePoint.Member(program(run, name, state.best().programId()),
                    state.best().fitness());

            ProgramRows rows = run.programRows();
            Map<String, Double> byHash = new HashMap<>();
            Map<Long, Double> byFingerprint = new HashMap<>();
            String caches = "SELECT seq, hash, fingerprint, fitness, kind FROM ("
                    + " SELECT seq, hash, fingerprint, 1.0 AS fitness, 0 AS kind FROM program"
                    + "   WHERE source = " + rows.sql(Source.START)
                    + " UNION ALL SELECT p.seq, p.hash, NULL, pe.fitness, 1 FROM program p"
                    + "   JOIN population_event pe ON pe.program_id = p.id"
                    + "   WHERE p.source = " + rows.sql(Source.FINGERPRINT_CACHE)
                    + " UNION ALL SELECT e.seq, p.hash, p.fingerprint, e.fitness, 2 FROM evaluation e"
                    + "   JOIN program p ON p.id = e.program_id WHERE e.stage = 'A'"
                    + ") ORDER BY seq";
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(caches)) {
                while (r.next()) {
                    double f = Sql.getDouble(r, "fitness");
                    byHash.put(ProgramRows.hash(r.getObject("hash")), f);
                    if (r.getInt("kind") != 1) {
                        byFingerprint.put(r.getLong("fingerprint"), f);
                    }
                }
            }

            long maxId;
            long started;
            long hashHits;
            long fingerprintHits;
            long statements;
            long redundant;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0),"
                    + " coalesce(sum(source = " + rows.sql(Source.EVALUATED) + "), 0),"
                    + " coalesce(sum(source = " + rows.sql(Source.HASH_CACHE) + "), 0),"
                    + " coalesce(sum(source = " + rows.sql(Source.FINGERPRINT_CACHE) + "), 0),"
                    + " coalesce(sum(length), 0),"
                    + " coalesce(sum(redundant), 0) FROM program")) {
                r.next();
                maxId = r.getLong(1);
                started = r.getLong(2);
                hashHits = r.getLong(3);
                fingerprintHits = r.getLong(4);
                statements = r.getLong(5);
                redundant = r.getLong(6);
            }

            Scoring scoring = scoring(run, c, name);
            long restarts = run.query("SELECT count(*) FROM restart", r -> r.getLong(1)).get(0);
            List<double[]> last = run.query("SELECT invalid, seconds FROM status ORDER BY seq DESC LIMIT 1",
                    r -> new double[] {r.getLong(1), r.getDouble(2)});
            long invalid = last.isEmpty() ? 0 : (long) last.get(0)[0];
            double elapsed = last.isEmpty() ? 0 : last.get(0)[1];
            List<StoredProgram> unevaluated = run.query("SELECT * FROM program p WHERE p.source = "
                    + rows.sql(Source.EVALUATED)
                    + " AND NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.program_id = p.id AND e.stage = 'A')"
                    + " ORDER BY p.id", rows::map);

            Scoring k = scoring;
            ResumePoint.Counters counters = new ResumePoint.Counters(maxId, started, k.evaluated, hashHits,
                    fingerprintHits, invalid, statements, redundant, k.hurdleStops, k.savedSteps, k.failures,
                    k.evaluatedB, k.evaluatedC, restarts, k.bestB, k.bestC);
            return new ResumePoint(info.configJson(), lastSeq, maxId, population, best, byHash, byFingerprint,
                    counters, state.sinceImprovement(), k.evaluatedFitness, new ArrayList<>(k.scored.values()), k.meta,
                    unevaluated, elapsed, run.finished().isPresent());
        } catch (SQLException e) {
            throw StoreFiles.classify(name, e);
        }
    }

    /** What the evaluations say, replayed in order as the engine's {@code report} saw them. */
    private static final class Scoring {
        long evaluated;
        long failures;
        long hurdleStops;
        long savedSteps;
        long evaluatedB;
        long evaluatedC;
        double bestB = Double.NaN;
        double bestC = Double.NaN;
        final List<Double> evaluatedFitness = new ArrayList<>();
        final Map<String, SearchResult.Entry> scored = new LinkedHashMap<>();
        final List<SearchResult.MetaPoint> meta = new ArrayList<>();
    }

    private static Scoring scoring(StoredRun run, Connection c, String name) throws SQLException {
        Scoring k = new Scoring();
        long startedMs = run.query("SELECT started_ms FROM run", r -> r.getLong(1)).stream().findFirst().orElse(0L);
        Map<Long, Candidate> candidates = new HashMap<>();
        double bestA = 1.0; // the start program's, by definition
        ProgramRows rows = run.programRows();
        for (StoredProgram p : run.query("SELECT * FROM program WHERE source = " + rows.sql(Source.START), rows::map)) {
            Candidate start = candidates.computeIfAbsent(p.id(), id -> p.toCandidate());
            k.scored.put(start.hash(), new SearchResult.Entry(start, 1.0, Double.NaN, Double.NaN));
            k.meta.add(new SearchResult.MetaPoint(0, 0, start.id(), 1.0, Double.NaN));
        }
        String sql = "SELECT e.seq AS eval_seq, e.stage, e.fitness AS eval_fitness, e.stopped, e.saved_steps,"
                + " e.finished_at_ms, p.* FROM evaluation e LEFT JOIN program p ON p.id = e.program_id ORDER BY e.seq";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                if (r.getString("hash") == null) {
                    throw new StoreException(name + " is damaged: evaluation " + r.getLong("eval_seq")
                            + " is of a program that is not in the program table");
                }
                StoredProgram p = rows.map(r);
                Candidate cand = candidates.computeIfAbsent(p.id(), id -> p.toCandidate());
                String stage = r.getString("stage");
                double f = Sql.getDouble(r, "eval_fitness");
                SearchResult.Entry e = k.scored.get(p.hash());
                if ("A".equals(stage)) {
                    k.evaluated++;
                    k.evaluatedFitness.add(f);
                    if (f == TrainResult.FAILED) {
                        k.failures++;
                        long saved = r.getLong("saved_steps");
                        if (r.getString("stopped") != null && saved > 0) {
                            k.hurdleStops++;
                            k.savedSteps += saved;
                        }
                    }
                    k.scored.putIfAbsent(p.hash(), new SearchResult.Entry(cand, f, Double.NaN, Double.NaN));
                    if (f > bestA) {
                        bestA = f;
                        k.meta.add(new SearchResult.MetaPoint(k.evaluated, (r.getLong("finished_at_ms") - startedMs)
                                / 1000.0, p.id(), f, Double.NaN));
                    }
                } else if ("B".equals(stage)) {
                    k.evaluatedB++;
                    k.bestB = Double.isNaN(k.bestB) ? f : Math.max(k.bestB, f);
                    k.scored.put(p.hash(), new SearchResult.Entry(cand, e == null ? Double.NaN : e.fitnessA(), f,
                            e == null ? Double.NaN : e.fitnessC()));
                    for (int i = 0; i < k.meta.size(); i++) {
                        SearchResult.MetaPoint m = k.meta.get(i);
                        if (m.candidate() == p.id()) {
                            k.meta.set(i, new SearchResult.MetaPoint(m.evaluated(), m.seconds(), m.candidate(),
                                    m.fitnessA(), f));
                        }
                    }
                } else if ("C".equals(stage)) {
                    k.evaluatedC++;
                    k.bestC = Double.isNaN(k.bestC) ? f : Math.max(k.bestC, f);
                    k.scored.put(p.hash(), new SearchResult.Entry(cand, e == null ? Double.NaN : e.fitnessA(),
                            e == null ? Double.NaN : e.fitnessB(), f));
                }
            }
        }
        return k;
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

    private static StoredProgram program(StoredRun run, String name, long id) {
        return run.program(id).orElseThrow(() -> new StoreException(name + " is damaged: program " + id
                + " is in the population but not in the program table"));
    }
}
