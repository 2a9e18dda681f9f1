package org.optsearch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.optsearch.search.Candidate;
import org.optsearch.search.Score;
import org.optsearch.search.SearchListener;
import org.optsearch.search.SearchStatus;
import org.optsearch.search.StageName;
import org.optsearch.train.run.TrainResult;

/**
 * The events a {@link RunStore} queues: immutable records, made quickly on the search's threads and
 * turned into rows later by the writer thread (printing a program's text and looking up its lines happen
 * there, not under the engine's lock).
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
            MutationWords mutation = MutationWords.encode(c.mutation(), c.change().quoted(), s.lines::id);
            p.setLong(1, c.id());
            Sql.setLong(p, 2, c.parent() < 0 ? null : c.parent());
            p.setObject(3, ProgramRows.storedHash(c.hash()));
            p.setLong(4, c.fingerprint());
            p.setInt(5, c.length());
            p.setInt(6, c.redundant());
            p.setInt(7, SourceCode.code(source));
            p.setString(8, LineList.encode(c.program().print(), s.lines::id));
            Sql.setLong(p, 9, mutation.words() == null ? null : s.words.id(mutation.words()));
            Sql.setLong(p, 10, mutation.line1());
            Sql.setLong(p, 11, mutation.line2());
            p.setLong(12, seq);
            p.setLong(13, atMs);
            p.setString(14, c.change().kind().name());
            p.addBatch();
        }
    }

    record Evaluated(long programId, StageName stage, Score score, int worker, double seconds, long atMs)
            implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement e = s.evaluation;
            e.setLong(1, seq);
            e.setLong(2, programId);
            e.setString(3, stage.name());
            Sql.setDouble(e, 4, score.fitness());
            Sql.setString(e, 5, score.stopped());
            e.setLong(6, score.savedSteps());
            Sql.setDouble(e, 7, seconds);
            e.setInt(8, worker);
            e.setLong(9, atMs);
            Sql.setDouble(e, 10, score.multiplier() == 1.0 ? Double.NaN : score.multiplier());
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

    /**
     * A program joined the population: its row gets the event's number and the fitness; a program that has
     * joined before (the start program fills the population) gets a {@code population_rejoin} row instead.
     * Who left is not stored: the queue's replay gives it.
     */
    record Joined(long programId, double fitness) implements Event {
        @Override
        public void write(Statements s, long seq) throws SQLException {
            PreparedStatement p = s.join;
            p.setLong(1, seq);
            Sql.setDouble(p, 2, fitness);
            p.setLong(3, programId);
            p.addBatch();
            s.joins.add(new Rejoin(seq, programId, fitness));
        }
    }

    /** A join in the batch, kept to be written as a rejoin if its program's row had joined before. */
    private record Rejoin(long seq, long programId, double fitness) {
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
        final TextTable lines;
        final TextTable words;
        final PreparedStatement program;
        final PreparedStatement startProgram;
        final PreparedStatement evaluation;
        final PreparedStatement taskResult;
        final PreparedStatement join;
        final PreparedStatement rejoin;
        private final List<Rejoin> joins = new ArrayList<>();
        final PreparedStatement restart;
        final PreparedStatement problem;
        final PreparedStatement status;
        final PreparedStatement finish;
        private final List<PreparedStatement> all;

        Statements(Connection c) throws SQLException {
            lines = new TextTable(c, "line", "text", TextTable.LINES);
            words = new TextTable(c, "mutation_words", "words", TextTable.WORDS);
            String insertProgram = "INSERT INTO program (id, parent, hash, fingerprint, length, redundant, source, "
                    + "lines, mutation, mutation_line1, mutation_line2, seq, generated_at_ms, kind) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            program = c.prepareStatement(insertProgram);
            // A resumed search may report its start program again: the first record stands. Any other
            // program id seen twice is an error.
            startProgram = c.prepareStatement(insertProgram + " ON CONFLICT (id) DO NOTHING");
            evaluation = c.prepareStatement("INSERT INTO evaluation (seq, program_id, stage, fitness, stopped, "
                    + "saved_steps, seconds, worker, finished_at_ms, multiplier) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            taskResult = c.prepareStatement("INSERT INTO task_result (evaluation_seq, task_index, task, steps, "
                    + "val_loss, val_accuracy, fitness, divergence, seconds, curve_json) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            join = c.prepareStatement("UPDATE program SET joined_seq = ?, fitness_a = ? WHERE id = ?"
                    + " AND joined_seq IS NULL");
            rejoin = c.prepareStatement("INSERT INTO population_rejoin (seq, program_id, fitness) VALUES (?, ?, ?)");
            restart = c.prepareStatement("INSERT INTO restart (seq, best_program_id, generated, at_ms) "
                    + "VALUES (?, ?, ?, ?)");
            problem = c.prepareStatement("INSERT INTO problem (seq, program_id, what, at_ms) VALUES (?, ?, ?, ?)");
            status = c.prepareStatement("INSERT INTO status (seq, at_ms, final, seconds, budget, generated, "
                    + "evaluated, hash_hits, fingerprint_hits, invalid, redundancy, hurdle_stops, saved_steps, "
                    + "failures, evaluated_b, evaluated_c, restarts, best_a, best_b, best_c, median_a) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            finish = c.prepareStatement("UPDATE run SET finished = ?, finished_ms = ?, summary_json = ? WHERE id = 1");
            // In this order: programs are inserted before their joins update them, and rejoins come last.
            all = List.of(program, startProgram, join, rejoin, evaluation, taskResult, restart, problem, status,
                    finish);
        }

        /** Runs every statement's batch; parents before children is not needed (no foreign keys are enforced). */
        void executeBatches() throws SQLException {
            lines.executeBatch();
            words.executeBatch();
            for (PreparedStatement p : all) {
                int[] counts = p.executeBatch();
                if (p == join) {
                    rejoins(counts);
                }
            }
        }

        /** A join that updated no row was not its program's first (or its program is missing): a rejoin row. */
        private void rejoins(int[] counts) throws SQLException {
            if (counts.length != joins.size()) {
                throw new SQLException("the driver reported " + counts.length + " update counts for " + joins.size()
                        + " population joins");
            }
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] < 0) {
                    throw new SQLException("the driver did not report whether population join " + i + " updated a row");
                }
                if (counts[i] == 0) {
                    Rejoin j = joins.get(i);
                    rejoin.setLong(1, j.seq());
                    rejoin.setLong(2, j.programId());
                    Sql.setDouble(rejoin, 3, j.fitness());
                    rejoin.addBatch();
                }
            }
            joins.clear();
        }

        void clearBatches() {
            joins.clear();
            lines.clearBatch();
            words.clearBatch();
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
            lines.close();
            words.close();
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
