package org.optsearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.optsearch.search.Candidate;
import org.optsearch.search.Score;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchStatus;
import org.optsearch.train.run.TrainResult;

/**
 * The events a {@link RunStore} queues: immutable records, made quickly on the search's threads and
 * turned into rows later by the writer thread (printing a program's text happens there, not under the
 * engine's lock).
 */
final class Events {
    private Events() {
    }

    /** One queued event; {@code seq} is its place in the run's single event sequence. */
    interface Event {
        void write(Statements s, long seq) throws SQLException;
    }

    record Generated(Candidate candidate, SearchListener.Source source, long atMs) implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement p = source == SearchListener.Source.START ? s.startProgram : s.program;
            Candidate c = candidate;
            p.setLong(1, c.id());
            Sql.setLong(p, 2, c.parent() < 0 ? null : c.parent());
            p.setString(3, c.hash());
            p.setLong(4, c.fingerprint());
            p.setInt(5, c.length());
            p.setInt(6, c.redundant());
            Sql.setString(p, 7, c.mutation());
            p.setString(8, source.name());
            p.setString(9, c.program().print());
            p.setLong(10, seq);
            p.setLong(11, atMs);
            p.addBatch();
        }
    }

    record Evaluated(long programId, String stage, Score score, int worker, double seconds, long atMs)
            implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement e = s.evaluation;
            e.setLong(1, seq);
            e.setLong(2, programId);
            e.setString(3, stage);
            Sql.setDouble(e, 4, score.fitness());
            Sql.setString(e, 5, score.stopped());
            e.setLong(6, score.savedSteps());
            Sql.setDouble(e, 7, seconds);
            e.setInt(8, worker);
            e.setLong(9, atMs);
            e.addBatch();
            List<TrainResult> results = score.results();
            PreparedStatement t = s.taskResult;
            for (int i = 0; i < results.size(); i++) {
                TrainResult r = results.get(i);
                t.setLong(1, seq);
                t.setInt(2, i);
                t.setString(3, r.task());
                t.setInt(4, r.steps());
                Sql.setDouble(t, 5, r.valLoss());
                Sql.setDouble(t, 6, r.valAccuracy());
                Sql.setDouble(t, 7, r.fitness());
                Sql.setString(t, 8, r.divergence());
                Sql.setDouble(t, 9, r.seconds());
                t.setString(10, Sql.curveJson(r.curve()));
                t.addBatch();
            }
        }
    }

    record Joined(long programId, double fitness, Long removedId, long atMs) implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement p = s.population;
            p.setLong(1, seq);
            p.setLong(2, programId);
            Sql.setDouble(p, 3, fitness);
            Sql.setLong(p, 4, removedId);
            p.setLong(5, atMs);
            p.addBatch();
        }
    }

    record Restarted(long bestId, long generated, long atMs) implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement p = s.restart;
            p.setLong(1, seq);
            p.setLong(2, bestId);
            p.setLong(3, generated);
            p.setLong(4, atMs);
            p.addBatch();
        }
    }

    record Problem(Long programId, String what, long atMs) implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement p = s.problem;
            p.setLong(1, seq);
            Sql.setLong(p, 2, programId);
            p.setString(3, what == null ? "(no description)" : what);
            p.setLong(4, atMs);
            p.addBatch();
        }
    }

    record Status(SearchStatus status, boolean fin, long atMs) implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement p = s.status;
            SearchStatus x = status;
            int i = 1;
            p.setLong(i++, seq);
            p.setLong(i++, atMs);
            p.setInt(i++, fin ? 1 : 0);
            Sql.setDouble(p, i++, x.seconds());
            Sql.setString(p, i++, x.budget());
            p.setLong(i++, x.generated());
            p.setLong(i++, x.evaluated());
            p.setLong(i++, x.hashHits());
            p.setLong(i++, x.fingerprintHits());
            p.setLong(i++, x.invalid());
            Sql.setDouble(p, i++, x.redundancy());
            p.setLong(i++, x.hurdleStops());
            p.setLong(i++, x.savedSteps());
            p.setLong(i++, x.failures());
            p.setLong(i++, x.evaluatedB());
            p.setLong(i++, x.evaluatedC());
            p.setLong(i++, x.restarts());
            Sql.setDouble(p, i++, x.bestA());
            Sql.setDouble(p, i++, x.bestB());
            Sql.setDouble(p, i++, x.bestC());
            Sql.setDouble(p, i, x.medianA());
            p.addBatch();
        }
    }

    /** The end of the search: the run row gets its finish time and summary. */
    record Finished(String summaryJson, long atMs) implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement p = s.finish;
            p.setString(1, Instant.ofEpochMilli(atMs).toString());
            p.setLong(2, atMs);
            p.setString(3, summaryJson);
            p.addBatch();
        }
    }

    /** The writer's prepared statements, one per table, executed as batches in one transaction. */
    static final class Statements implements AutoCloseable {
        final PreparedStatement program;
        final PreparedStatement startProgram;
        final PreparedStatement evaluation;
        final PreparedStatement taskResult;
        final PreparedStatement population;
        final PreparedStatement restart;
        final PreparedStatement problem;
        final PreparedStatement status;
        final PreparedStatement finish;
        private final List<PreparedStatement> all;

        Statements(Connection c) throws SQLException {
            String insertProgram = "INSERT INTO program (id, parent, hash, fingerprint, length, redundant, mutation, "
                    + "source, text, seq, generated_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            program = c.prepareStatement(insertProgram);
            // A resumed search may report its start program again: the first record stands. Any other
            // program id seen twice is an error.
            startProgram = c.prepareStatement(insertProgram + " ON CONFLICT (id) DO NOTHING");
            evaluation = c.prepareStatement("INSERT INTO evaluation (seq, program_id, stage, fitness, stopped, "
                    + "saved_steps, seconds, worker, finished_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            taskResult = c.prepareStatement("INSERT INTO task_result (evaluation_seq, task_index, task, steps, "
                    + "val_loss, val_accuracy, fitness, divergence, seconds, curve_json) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            population = c.prepareStatement("INSERT INTO population_event (seq, program_id, fitness, "
                    + "removed_program_id, at_ms) VALUES (?, ?, ?, ?, ?)");
            restart = c.prepareStatement("INSERT INTO restart (seq, best_program_id, generated, at_ms) "
                    + "VALUES (?, ?, ?, ?)");
            problem = c.prepareStatement("INSERT INTO problem (seq, program_id, what, at_ms) VALUES (?, ?, ?, ?)");
            status = c.prepareStatement("INSERT INTO status (seq, at_ms, final, seconds, budget, generated, "
                    + "evaluated, hash_hits, fingerprint_hits, invalid, redundancy, hurdle_stops, saved_steps, "
                    + "failures, evaluated_b, evaluated_c, restarts, best_a, best_b, best_c, median_a) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            finish = c.prepareStatement("UPDATE run SET finished = ?, finished_ms = ?, summary_json = ? WHERE id = 1");
            all = List.of(program, startProgram, evaluation, taskResult, population, restart, problem, status,
                    finish);
        }

        /** Runs every statement's batch; parents before children is not needed (no foreign keys are enforced). */
        void executeBatches() throws SQLException {
            for (PreparedStatement p : all) {
                p.executeBatch();
            }
        }

        void clearBatches() {
            for (PreparedStatement p : all) {
                try {
                    p.clearBatch();
                } catch (SQLException e) {
                    // the connection is failing already; the caller reports the first error
                }
            }
        }

        @Override
        public void close() {
            for (PreparedStatement p : all) {
                try {
                    p.close();
                } catch (SQLException e) {
                    // closing
                }
            }
        }
    }
}
