package org.optsearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.optsearch.search.Candidate;
import org.optsearch.search.Score;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchListener.Source;
import org.optsearch.search.SearchState;
import org.optsearch.search.StageName;

/**
 * Rebuilds a search's {@link SearchState} by sending the stored events, in their order, through the same
 * event methods the engine called live: each program row is a {@code generated} event, each evaluation row
 * an {@code evaluated} one. Joins, plateau restarts and promotions are not read back but decided again,
 * as the engine decided them; the stored ones are their record. Invalid children have no events: their
 * count comes from the last status snapshot. A program's text is read only if the state keeps it.
 */
final class StateReplay {
    private StateReplay() {
    }

    /** The state after the events up to {@code lastSeq}. */
    static SearchState replay(StoredRun run, Connection c, String name, SearchConfig config, long lastSeq)
            throws SQLException {
        SearchState state = new SearchState(config, new SearchListener() { });
        long startedMs = run.query("SELECT started_ms FROM run", r -> r.getLong(1)).stream().findFirst().orElse(0L);
        ProgramRows rows = run.programRows();
        Map<Long, Candidate> trained = new HashMap<>(); // the programs evaluations can be of
        String programSql = "SELECT id, parent, hash, fingerprint, length, redundant, source, seq FROM program"
                + " WHERE seq <= ? ORDER BY seq";
        try (PreparedStatement byId = c.prepareStatement("SELECT * FROM program WHERE id = ?");
                PreparedStatement programs = c.prepareStatement(programSql);
                PreparedStatement evaluations = c.prepareStatement("SELECT seq, program_id, stage, fitness, stopped,"
                        + " saved_steps, finished_at_ms, " + (Schema.hasColumn(c, "evaluation", "multiplier")
                        ? "multiplier" : "NULL AS multiplier") + " FROM evaluation WHERE seq <= ? ORDER BY seq")) {
            programs.setLong(1, lastSeq);
            evaluations.setLong(1, lastSeq);
            try (ResultSet p = programs.executeQuery(); ResultSet e = evaluations.executeQuery()) {
                boolean moreP = p.next();
                boolean moreE = e.next();
                while (moreP || moreE) {
                    if (moreP && (!moreE || p.getLong("seq") < e.getLong("seq"))) {
                        long id = p.getLong("id");
                        long seq = p.getLong("seq");
                        Source source = rows.source(p);
                        Candidate cand = Candidate.stored(id, Sql.getLong(p, "parent", -1),
                                ProgramRows.hash(p.getObject("hash")), p.getLong("fingerprint"), p.getInt("length"),
                                p.getInt("redundant"), () -> body(byId, rows, name, id));
                        if (source == Source.EVALUATED || source == Source.START) {
                            trained.put(id, cand);
                        }
                        apply(name, seq, () -> state.generated(cand, source, 0));
                        moreP = p.next();
                    } else {
                        long seq = e.getLong("seq");
                        long id = e.getLong("program_id");
                        Candidate cand = trained.get(id);
                        if (cand == null) {
                            throw new StoreException(name + " is damaged: evaluation " + seq + " is of program " + id
                                    + ", which is not a trained program in the program table before it");
                        }
                        StageName stage = stage(e.getString("stage"), name, seq);
                        String stopped = e.getString("stopped");
                        long saved = e.getLong("saved_steps");
                        double multiplier = Sql.getDouble(e, "multiplier");
                        Score score = new Score(Sql.getDouble(e, "fitness"), List.of(), stopped,
                                stopped != null && saved > 0, saved, Double.isNaN(multiplier) ? 1.0 : multiplier);
                        double seconds = (e.getLong("finished_at_ms") - startedMs) / 1000.0;
                        apply(name, seq, () -> state.evaluated(cand, stage, score, seconds));
                        moreE = e.next();
                    }
                }
            }
            read(state);
        }
        List<Long> invalid = run.query("SELECT invalid FROM status WHERE seq <= " + lastSeq
                + " ORDER BY seq DESC LIMIT 1", r -> r.getLong(1));
        if (!invalid.isEmpty()) {
            state.rejected(invalid.get(0) - state.counters().invalid());
        }
        return state;
    }

    /** A stored program's text and change, read when the state first needs them. */
    private static Candidate.Body body(PreparedStatement byId, ProgramRows rows, String name, long id) {
        StoredProgram p;
        try {
            byId.setLong(1, id);
            try (ResultSet r = byId.executeQuery()) {
                if (!r.next()) {
                    throw new StoreException(name + " is damaged: program " + id + " is gone from the program table");
                }
                p = rows.map(r);
            }
        } catch (SQLException e) {
            throw StoreFiles.classify(name, e);
        }
        try {
            return new Candidate.Body(p.program(), p.change());
        } catch (IllegalArgumentException e) {
            throw new StoreException(name + " is damaged: program " + id + " does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the programs the state keeps (the population, the scored programs, the promotions pending),
     * while the store is open; the others, replayed for their hash, fitness and counts, are never read.
     */
    private static void read(SearchState state) {
        state.population().forEach(m -> m.candidate().program());
        if (state.origin() != null) {
            state.origin().program(); // the reference a resumed engine trains
        }
        state.scored().forEach(e -> e.candidate().program());
        state.pending().forEach(q -> q.candidate().program());
        if (state.best() != null) {
            state.best().candidate().program();
        }
    }

    private static StageName stage(String stored, String name, long seq) {
        try {
            return StageName.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException(name + " is damaged: evaluation " + seq + " has stage '" + stored
                    + "'; stages are A, B and C");
        }
    }

    /** Runs one event; a state that refuses it (a cache hit with nothing cached) means the store is damaged. */
    private static void apply(String name, long seq, Runnable event) {
        try {
            event.run();
        } catch (IllegalStateException e) {
            throw new StoreException(name + " is damaged: event " + seq + ": " + e.getMessage(), e);
        }
    }
}
