package org.optsearch.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The run store's SQL schema, version {@value #VERSION}. Plain tables a user can read with the
 * {@code sqlite3} tool ({@code .schema} shows these statements with their comments), and views that show
 * them in words: {@code program_text} (every program with its text), {@code program_fitness} (with its
 * fitness on each stage) and {@code population_event} (every join of the population, in order).
 *
 * <p>Conventions: {@code seq} is one sequence over all events of a run, in the order the search reported
 * them, shared by every event table, so that events of different tables can be merged in order; times
 * ({@code *_ms}) are milliseconds since the Unix epoch ({@code datetime(at_ms / 1000, 'unixepoch')}); a
 * fitness is the search's normalized fitness (1 = the start program, 0 = chance, {@code -Inf} = failed:
 * diverged, stopped at a hurdle or by the time limit); NaN is stored as NULL.
 *
 * <p>Why version 2 looks as it does: a search generates hundreds of thousands of programs, most of them
 * one statement away from their parent, and version 1 kept each one's whole text (a 3-minute search wrote
 * 248 MB). Version 2 keeps each distinct line of text once ({@code line}) and a program as the list of
 * its lines' ids; a mutation's words are kept once too ({@code mutation_words}), the statements they quote
 * being references to lines; a program's first join of the population is two columns of its row instead of
 * a row of an indexed table; the hash is a 64-bit integer and the source a small code. Every text comes
 * back exactly, in Java ({@link StoredRun}) and in SQL ({@code program_text}).
 */
public final class Schema {
    /** The schema this version writes; it appends only to stores of this version. */
    public static final int VERSION = 2;
    /** The oldest schema this version still reads (to list, report and replay old runs). */
    public static final int OLDEST_READABLE = 1;

    private Schema() {
    }

    static final List<String> CREATE = List.of(
            """
            CREATE TABLE meta (
              key   TEXT PRIMARY KEY,  -- schema_version, created_by
              value TEXT NOT NULL
            )""",
            """
            CREATE TABLE run (
              id              INTEGER PRIMARY KEY CHECK (id = 1),  -- one run per file
              started         TEXT NOT NULL,     -- ISO-8601, UTC
              started_ms      INTEGER NOT NULL,
              finished        TEXT,              -- NULL until the search finished
              finished_ms     INTEGER,
              config_json     TEXT NOT NULL,     -- the SearchConfig, every field (start program as text)
              command_line    TEXT,
              version         TEXT NOT NULL,     -- of OptSearch that started the run
              git_commit      TEXT,              -- of the working directory, if it is a git checkout
              jvm             TEXT NOT NULL,
              os              TEXT NOT NULL,
              host            TEXT,
              seed            INTEGER,
              mode            TEXT,              -- EVOLVE, CONSTANTS, RANDOM
              budget          TEXT,              -- 3m, 2h, 500-evals
              population_size INTEGER,
              summary_json    TEXT               -- at the end: final counters, best programs, meta-validation
            )""",
            """
            CREATE TABLE session (
              id           INTEGER PRIMARY KEY,  -- 1 = the start, then one per resume
              started      TEXT NOT NULL,
              started_ms   INTEGER NOT NULL,
              ended_ms     INTEGER,              -- set when the store was closed cleanly
              first_seq    INTEGER NOT NULL,     -- events of this session have seq >= first_seq
              command_line TEXT,
              version      TEXT NOT NULL,
              git_commit   TEXT,
              jvm          TEXT NOT NULL,
              os           TEXT NOT NULL,
              host         TEXT
            )""",
            """
            CREATE TABLE line (
              id   INTEGER PRIMARY KEY,
              text TEXT NOT NULL  -- a line of program text (statements indented), stored once (a line the
                                  -- writer no longer remembered, or one from before a resume, may come again)
            )""",
            """
            CREATE TABLE mutation_words (
              id    INTEGER PRIMARY KEY,
              words TEXT NOT NULL  -- what a mutation did, with $1 and $2 for the statements it quotes; stored
                                   -- once, like a line
            )""",
            """
            CREATE TABLE source (
              code INTEGER PRIMARY KEY,  -- program(source)
              name TEXT NOT NULL UNIQUE  -- how a program got its fitness: START, EVALUATED, HASH_CACHE, ...
            )""",
            """
            CREATE TABLE program (
              id              INTEGER PRIMARY KEY,  -- generation order; 0 = the start program
              parent          INTEGER,              -- program(id) it was mutated from; NULL: start or random
              hash            NOT NULL,             -- dataflow hash, as a 64-bit integer (printf('%016x', hash))
              fingerprint     INTEGER NOT NULL,     -- numeric fingerprint; 0 when not computed (hash hit)
              length          INTEGER NOT NULL,     -- statements
              redundant       INTEGER NOT NULL,     -- of which redundant (dead)
              source          INTEGER NOT NULL,     -- source(code)
              lines           TEXT NOT NULL,        -- canonical text (hyperparameters inlined): a JSON array of
                                                    -- line(id), to be joined with char(10); see program_text
              mutation        INTEGER,              -- mutation_words(id): what was done to the parent, where $1
              mutation_line1  INTEGER,              -- and $2 stand for these line(id)s without their indent (when
              mutation_line2  INTEGER,              -- NULL, the words are as they are); see program_text
              seq             INTEGER NOT NULL,
              generated_at_ms INTEGER NOT NULL,
              joined_seq      INTEGER,              -- when it joined the population; NULL: it has not (yet)
              fitness_a       REAL,                 -- the stage-A fitness it joined with (trained or cached)
              kind            TEXT                  -- how it was made: START, RANDOM, INSERT, DELETE, MODIFY,
                                                    -- TUNE; NULL in a store written before kinds were kept
            )""",
            """
            CREATE TABLE evaluation (
              seq            INTEGER PRIMARY KEY,
              program_id     INTEGER NOT NULL,  -- program(id)
              stage          TEXT NOT NULL,     -- A (the search's fitness), A2 (A with the next seed: confirms a
                                                -- promotion), B (~10x), C (~100x)
              fitness        REAL,              -- mean normalized fitness over the stage's tasks; -Inf = failed
              stopped        TEXT,              -- why it failed, or NULL
              saved_steps    INTEGER NOT NULL,  -- training steps a hurdle saved
              seconds        REAL NOT NULL,
              worker         INTEGER NOT NULL,
              finished_at_ms INTEGER NOT NULL,
              multiplier     REAL               -- step-size multiplier it was trained at (the program's
                                                -- update times this): calibration's choice on A, used on
                                                -- A2; on B and C times recalibration's there; NULL = 1
            )""",
            "CREATE INDEX evaluation_program ON evaluation(program_id)",
            """
            CREATE TABLE task_result (
              evaluation_seq INTEGER NOT NULL,  -- evaluation(seq)
              task_index     INTEGER NOT NULL,  -- position of the task in its stage
              task           TEXT NOT NULL,     -- e.g. digits-mlp:S
              steps          INTEGER NOT NULL,  -- steps completed
              val_loss       REAL,
              val_accuracy   REAL,              -- NULL for regression tasks
              fitness        REAL,              -- the task's own objective (not normalized); -Inf = failed
              divergence     TEXT,              -- why the training stopped early, or NULL
              seconds        REAL NOT NULL,
              curve_json     TEXT NOT NULL,     -- [[step, train_loss, val_loss, val_accuracy], ...]; null for NaN
              PRIMARY KEY (evaluation_seq, task_index)
            )""",
            """
            CREATE TABLE population_rejoin (
              seq        INTEGER PRIMARY KEY,  -- a program joining the population again (the start program
              program_id INTEGER NOT NULL,     -- fills it); a first join is on the program's row
              fitness    REAL
            )""",
            """
            CREATE TABLE restart (
              seq             INTEGER PRIMARY KEY,  -- after a plateau: every member replaced by the best
              best_program_id INTEGER NOT NULL,
              generated       INTEGER NOT NULL,     -- programs generated so far
              at_ms           INTEGER NOT NULL
            )""",
            """
            CREATE TABLE problem (
              seq        INTEGER PRIMARY KEY,
              program_id INTEGER,
              what       TEXT NOT NULL,
              at_ms      INTEGER NOT NULL
            )""",
            """
            CREATE TABLE status (
              seq              INTEGER PRIMARY KEY,  -- a snapshot of the counters, every few seconds
              at_ms            INTEGER NOT NULL,
              final            INTEGER NOT NULL,     -- 1 for the snapshot at the end of the search
              seconds          REAL NOT NULL,        -- since the search started
              budget           TEXT,
              generated        INTEGER NOT NULL,
              evaluated        INTEGER NOT NULL,
              hash_hits        INTEGER NOT NULL,
              fingerprint_hits INTEGER NOT NULL,
              invalid          INTEGER NOT NULL,
              redundancy       REAL,
              hurdle_stops     INTEGER NOT NULL,
              saved_steps      INTEGER NOT NULL,
              failures         INTEGER NOT NULL,
              evaluated_b      INTEGER NOT NULL,
              evaluated_c      INTEGER NOT NULL,
              restarts         INTEGER NOT NULL,
              best_a           REAL,
              best_b           REAL,
              best_c           REAL,
              median_a         REAL
            )""",
            // Ordered by a subquery rather than group_concat(... ORDER BY ...): that syntax needs SQLite 3.44,
            // and a view an older sqlite3 tool cannot parse would make it refuse the whole file.
            """
            CREATE VIEW program_text AS  -- every program with its text and mutation in words (as schema 1 kept them)
            SELECT p.id, p.parent,
              CASE WHEN typeof(p.hash) = 'integer' THEN printf('%016x', p.hash) ELSE p.hash END AS hash,
              p.fingerprint, p.length, p.redundant,
              CASE WHEN p.mutation_line1 IS NULL THEN w.words
                ELSE replace(replace(w.words, '$1', substr(l1.text, 3)),
                             '$2', coalesce(substr(l2.text, 3), '$2')) END AS mutation,
              s.name AS source,
              (SELECT group_concat(t.text, char(10)) FROM (SELECT l.text FROM json_each(p.lines) j
                 JOIN line l ON l.id = j.value ORDER BY j.key) t) AS text,
              p.seq, p.generated_at_ms, p.joined_seq, p.fitness_a
            FROM program p
              LEFT JOIN mutation_words w ON w.id = p.mutation
              LEFT JOIN line l1 ON l1.id = p.mutation_line1
              LEFT JOIN line l2 ON l2.id = p.mutation_line2
              LEFT JOIN source s ON s.code = p.source""",
            """
            CREATE VIEW program_fitness AS  -- every program with its fitness on each stage (NULL: not run)
            SELECT t.id, t.parent, t.source, t.length, t.redundant, t.mutation,
              COALESCE(t.fitness_a,
                       (SELECT e.fitness FROM evaluation e WHERE e.program_id = t.id AND e.stage = 'A'
                        ORDER BY e.seq LIMIT 1),
                       CASE WHEN t.source = 'START' THEN 1.0 END) AS fitness_a,
              (SELECT e.fitness FROM evaluation e WHERE e.program_id = t.id AND e.stage = 'B'
               ORDER BY e.seq LIMIT 1) AS fitness_b,
              (SELECT e.fitness FROM evaluation e WHERE e.program_id = t.id AND e.stage = 'C'
               ORDER BY e.seq LIMIT 1) AS fitness_c,
              t.hash, t.text
            FROM program_text t""",
            """
            CREATE VIEW population_event AS  -- every join of the population in order (schema 1 kept a table)
            SELECT joined_seq AS seq, id AS program_id, fitness_a AS fitness FROM program WHERE joined_seq IS NOT NULL
            UNION ALL SELECT seq, program_id, fitness FROM population_rejoin""");

    /**
     * Brings a schema-2 store up to this version's table layout before it is added to: a store written
     * before programs had their {@code kind} gets the column, empty for the programs it has; one written
     * before calibration gets the evaluations' {@code multiplier}, NULL (1) for those it has.
     */
    static void upgrade(Connection c) throws SQLException {
        if (!hasColumn(c, "program", "kind")) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("ALTER TABLE program ADD COLUMN kind TEXT");
            }
        }
        if (!hasColumn(c, "evaluation", "multiplier")) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("ALTER TABLE evaluation ADD COLUMN multiplier REAL");
            }
        }
    }

    /** Whether {@code table} has {@code column}. */
    static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                if (column.equals(r.getString("name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The tables every store of a readable version has; a file that lacks one is damaged. */
    static List<String> tables(int version) {
        return version == 1
                ? List.of("meta", "run", "session", "program", "evaluation", "task_result", "population_event",
                        "restart", "problem", "status")
                : List.of("meta", "run", "session", "line", "mutation_words", "source", "program", "evaluation",
                        "task_result", "population_rejoin", "restart", "problem", "status");
    }
}
