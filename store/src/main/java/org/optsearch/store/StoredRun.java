package org.optsearch.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.optsearch.search.Finalist;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchStatus;
import org.optsearch.search.StageName;
import org.optsearch.train.run.TrainResult;

/**
 * A run store opened read-only ({@link RunStore#open}): the run's config and provenance, its programs,
 * evaluations, population, status series, restarts and problems, and the {@link ResumePoint} to go on
 * from. A store that a search is still writing can be read too (WAL: readers see the last commit). Stores
 * of schema 1 (written before lines were stored once) read the same: only {@link #schemaVersion} differs.
 */
public final class StoredRun implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final int version;
    private final ProgramRows programRows;

    StoredRun(Path file, Connection connection, int version) {
        this.file = file;
        this.connection = connection;
        this.version = version;
        this.programRows = new ProgramRows(connection, file.toString(), version);
    }

    /** A snapshot of the counters at {@code atMs}; {@code last} for the one written by {@code finish}. */
    public record StatusPoint(long seq, long atMs, boolean last, SearchStatus status) {
    }

    public record Restart(long seq, long bestProgramId, long generated, long atMs) {
    }

    /** @param programId the candidate concerned, or -1 */
    public record Problem(long seq, long programId, String what, long atMs) {
    }

    /** A member of the population: a program id and its stage-A fitness. */
    public record Member(long programId, double fitness) {
    }

    public Path file() {
        return file;
    }

    /** The schema the store was written with: {@link Schema#VERSION}, or an older one this version reads. */
    public int schemaVersion() {
        return version;
    }

    /** The run's config and provenance as recorded when it started. */
    public RunInfo info() {
        return query("SELECT * FROM run WHERE id = 1", r -> new RunInfo(Instant.ofEpochMilli(r.getLong("started_ms")),
                r.getString("config_json"), r.getString("command_line"), r.getString("version"),
                r.getString("git_commit"), r.getString("jvm"), r.getString("os"), r.getString("host")))
                .stream().findFirst().orElseThrow(() -> new StoreException(file + " is damaged: it has no run row"));
    }

    /** The run's search config, parsed from its JSON. */
    public SearchConfig config() {
        return ConfigJson.read(info().configJson());
    }

    /** What the run's fitness was computed from ({@link ConfigJson#FITNESS} for runs of this version). */
    public String fitness() {
        return ConfigJson.fitness(info().configJson());
    }

    /** When the search finished, empty while it runs or when it stopped without finishing. */
    public Optional<Instant> finished() {
        List<Long> ms = query("SELECT finished_ms FROM run WHERE id = 1 AND finished_ms IS NOT NULL",
                r -> r.getLong(1));
        return ms.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms.get(0)));
    }

    /** The summary written at the end (counters, best programs, meta-validation, as JSON), or empty. */
    public Optional<String> summaryJson() {
        return query("SELECT summary_json FROM run WHERE summary_json IS NOT NULL", r -> r.getString(1))
                .stream().findFirst();
    }

    /** Every program, in generation order, with its text and mutation as the search reported them. */
    public List<StoredProgram> programs() {
        return query("SELECT * FROM program ORDER BY id", programRows::map);
    }

    public Optional<StoredProgram> program(long id) {
        return query("SELECT * FROM program WHERE id = " + id, programRows::map).stream().findFirst();
    }

    /** Every evaluation with its task results and learning curves, in the order they finished. */
    public List<StoredEvaluation> evaluations() {
        return evaluations("");
    }

    /** The evaluations of one program (stage A, and B and C if it was promoted). */
    public List<StoredEvaluation> evaluations(long programId) {
        return evaluations(" WHERE e.program_id = " + programId);
    }

    /** The population after the last event. */
    public List<Member> population() {
        return populationAt(Long.MAX_VALUE);
    }

    /**
     * The population after the events up to {@code lastSeq}, oldest first: replays {@code population_event}
     * and {@code restart} rows in order. A joining program goes to the back of a queue of the config's
     * population size; once the queue is full the oldest member leaves; a restart replaces every member
     * by the best program.
     */
    public List<Member> populationAt(long lastSeq) {
        return Replay.population(connection, file.toString(), lastSeq);
    }

    public List<StatusPoint> statusSeries() {
        return query("SELECT * FROM status ORDER BY seq", r -> new StatusPoint(r.getLong("seq"), r.getLong("at_ms"),
                r.getInt("final") == 1, new SearchStatus(r.getDouble("seconds"), r.getString("budget"),
                        r.getLong("generated"), r.getLong("evaluated"), r.getLong("hash_hits"),
                        r.getLong("fingerprint_hits"), r.getLong("invalid"), Sql.getDouble(r, "redundancy"),
                        r.getLong("hurdle_stops"), r.getLong("saved_steps"), r.getLong("failures"),
                        r.getLong("evaluated_b"), r.getLong("evaluated_c"), r.getLong("restarts"),
                        Sql.getDouble(r, "best_a"), Sql.getDouble(r, "best_b"), Sql.getDouble(r, "best_c"),
                        Sql.getDouble(r, "median_a"))));
    }

    public List<Restart> restarts() {
        return query("SELECT * FROM restart ORDER BY seq", r -> new Restart(r.getLong("seq"),
                r.getLong("best_program_id"), r.getLong("generated"), r.getLong("at_ms")));
    }

    /** The end-of-search comparison, if one was recorded ({@link RunStore#recordFinale}); else empty. */
    public List<Finalist> finalists() {
        try {
            return FinaleRecord.read(connection, file.toString());
        } catch (SQLException e) {
            throw StoreFiles.classify(file.toString(), e);
        }
    }

    public List<Problem> problems() {
        return query("SELECT * FROM problem ORDER BY seq", r -> new Problem(r.getLong("seq"),
                Sql.getLong(r, "program_id", -1), r.getString("what"), r.getLong("at_ms")));
    }

    /** The engine's state at the end of the stored events: enough to rebuild it and go on. */
    public ResumePoint resumePoint() {
        return Replay.resumePoint(this, connection, file.toString());
    }

    /** Runs a query of your own against the store (read-only), e.g. for a report. */
    public <T> List<T> query(String sql, RowMapper<T> mapper) {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<T> out = new ArrayList<>();
            while (r.next()) {
                out.add(mapper.map(r));
            }
            return out;
        } catch (SQLException e) {
            throw StoreFiles.classify(file.toString(), e);
        }
    }

    /** Turns the current row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    @Override
    public void close() {
        programRows.close();
        StoreFiles.close(connection);
    }

    /** Reads program rows of this store's schema ({@code SELECT *}, or {@code p.*} in a join). */
    ProgramRows programRows() {
        return programRows;
    }

    private List<StoredEvaluation> evaluations(String where) {
        String sql = "SELECT e.*, t.task_index, t.task, t.steps, t.val_loss, t.val_accuracy, t.fitness AS task_fitness,"
                + " t.divergence, t.seconds AS task_seconds, t.curve_json FROM evaluation e"
                + " LEFT JOIN task_result t ON t.evaluation_seq = e.seq" + where + " ORDER BY e.seq, t.task_index";
        List<StoredEvaluation> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            long seq = Long.MIN_VALUE;
            List<TrainResult> results = null;
            StoredEvaluation head = null;
            while (r.next()) {
                if (r.getLong("seq") != seq) {
                    if (head != null) {
                        out.add(withResults(head, results));
                    }
                    seq = r.getLong("seq");
                    head = new StoredEvaluation(seq, r.getLong("program_id"), stage(r.getString("stage"), seq),
                            Sql.getDouble(r, "fitness"), r.getString("stopped"), r.getLong("saved_steps"),
                            r.getDouble("seconds"), r.getInt("worker"), r.getLong("finished_at_ms"), List.of());
                    results = new ArrayList<>();
                }
                if (r.getString("task") != null) {
                    results.add(new TrainResult(r.getString("task"), "candidate " + head.programId(), r.getInt("steps"),
                            Sql.getDouble(r, "val_loss"), Sql.getDouble(r, "val_accuracy"),
                            Sql.getDouble(r, "task_fitness"), r.getString("divergence"), r.getDouble("task_seconds"),
                            Replay.curve(r.getString("curve_json"))));
                }
            }
            if (head != null) {
                out.add(withResults(head, results));
            }
            return out;
        } catch (SQLException e) {
            throw StoreFiles.classify(file.toString(), e);
        }
    }

    private StageName stage(String stored, long seq) {
        try {
            return StageName.valueOf(stored);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException(file + " is damaged: evaluation " + seq + " has stage '" + stored
                    + "'; stages are A, B and C");
        }
    }

    private static StoredEvaluation withResults(StoredEvaluation e, List<TrainResult> results) {
        return new StoredEvaluation(e.seq(), e.programId(), e.stage(), e.fitness(), e.stopped(), e.savedSteps(),
                e.seconds(), e.worker(), e.finishedAtMs(), results);
    }
}
