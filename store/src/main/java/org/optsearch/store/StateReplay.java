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
 * count comes from the last status snapshot.
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
        try (PreparedStatement programs = c.prepareStatement("SELECT * FROM program WHERE seq <= ? ORDER BY seq");
                PreparedStatement evaluations = c.prepareStatement("SELECT seq, program_id, stage, fitness, stopped,"
                        + " saved_steps, finished_at_ms FROM evaluation WHERE seq <= ? ORDER BY seq")) {
            programs.setLong(1, lastSeq);
            evaluations.setLong(1, lastSeq);
            try (ResultSet p = programs.executeQuery(); ResultSet e = evaluations.executeQuery()) {
                boolean moreP = p.next();
                boolean moreE = e.next();
                while (moreP || moreE) {
                    if (moreP && (!moreE || p.getLong("seq") < e.getLong("seq"))) {
                        StoredProgram sp = rows.map(p);
                        Candidate cand = candidate(sp, name);
                        if (sp.source() == Source.EVALUATED || sp.source() == Source.START) {
                            trained.put(sp.id(), cand);
                        }
                        apply(name, sp.seq(), () -> state.generated(cand, sp.source(), 0));
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
                        Score score = new Score(Sql.getDouble(e, "fitness"), List.of(), stopped,
                                stopped != null && saved > 0, saved);
                        double seconds = (e.getLong("finished_at_ms") - startedMs) / 1000.0;
                        apply(name, seq, () -> state.evaluated(cand, stage, score, seconds));
                        moreE = e.next();
                    }
                }
            }
        }
        List<Long> invalid = run.query("SELECT invalid FROM status WHERE seq <= " + lastSeq
                + " ORDER BY seq DESC LIMIT 1", r -> r.getLong(1));
        if (!invalid.isEmpty()) {
            state.rejected(invalid.get(0) - state.counters().invalid());
        }
        return state;
    }

    private static Candidate candidate(StoredProgram p, String name) {
        try {
            return p.toCandidate();
        } catch (IllegalArgumentException e) {
            throw new StoreException(name + " is damaged: program " + p.id() + " does not parse: " + e.getMessage(), e);
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
