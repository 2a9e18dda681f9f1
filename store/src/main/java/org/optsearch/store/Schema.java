package org.optsearch.store;

import java.util.List;

/**
 * The run store's SQL schema, version {@value #VERSION}. Plain tables a user can read with the
 * {@code sqlite3} tool ({@code .schema} shows these statements with their comments).
 *
 * <p>Conventions: {@code seq} is one sequence over all events of a run, in the order the search reported
 * them, shared by every event table, so that events of different tables can be merged in order; times
 * ({@code *_ms}) are milliseconds since the Unix epoch ({@code datetime(at_ms / 1000, 'unixepoch')}); a
 * fitness is the search's normalized fitness (1 = the start program, 0 = chance, {@code -Inf} = failed:
 * diverged, stopped at a hurdle or by the time limit); NaN is stored as NULL.
 */
public final class Schema {
    /** The schema this version writes and reads; any other is refused. */
    public static final int VERSION = 1;

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
            CREATE TABLE program (
              id              INTEGER PRIMARY KEY,  -- generation order; 0 = the start program
              parent          INTEGER,              -- program(id) it was mutated from; NULL: start or random
              hash            TEXT NOT NULL,        -- dataflow hash
              fingerprint     INTEGER NOT NULL,     -- numeric fingerprint; 0 when not computed (hash hit)
              length          INTEGER NOT NULL,     -- statements
              redundant       INTEGER NOT NULL,     -- of which redundant (dead)
              mutation        TEXT,                 -- what was done to the parent, in words
              source          TEXT NOT NULL         -- how it got its fitness
                CHECK (source IN ('START', 'EVALUATED', 'HASH_CACHE', 'FINGERPRINT_CACHE')),
              text            TEXT NOT NULL,        -- canonical program text, hyperparameters inlined
              seq             INTEGER NOT NULL,
              generated_at_ms INTEGER NOT NULL
            )""",
            "CREATE INDEX program_hash ON program(hash)",
            """
            CREATE TABLE evaluation (
              seq            INTEGER PRIMARY KEY,
              program_id     INTEGER NOT NULL,  -- program(id)
              stage          TEXT NOT NULL,     -- A (the search's fitness), B (~10x), C (~100x)
              fitness        REAL,              -- mean normalized fitness over the stage's tasks; -Inf = failed
              stopped        TEXT,              -- why it failed, or NULL
              saved_steps    INTEGER NOT NULL,  -- training steps a hurdle saved
              seconds        REAL NOT NULL,
              worker         INTEGER NOT NULL,
              finished_at_ms INTEGER NOT NULL
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
            CREATE TABLE population_event (
              seq                INTEGER PRIMARY KEY,
              program_id         INTEGER NOT NULL,  -- joined the population (at the back of the queue)
              fitness            REAL,              -- its stage-A fitness (stored or cached)
              removed_program_id INTEGER,           -- the oldest member, which left; NULL while filling up
              at_ms              INTEGER NOT NULL
            )""",
            "CREATE INDEX population_event_program ON population_event(program_id)",
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
            """
            CREATE VIEW program_fitness AS  -- every program with its fitness on each stage (NULL: not run)
            SELECT p.id, p.parent, p.source, p.length, p.redundant, p.mutation,
              COALESCE((SELECT e.fitness FROM evaluation e WHERE e.program_id = p.id AND e.stage = 'A'
                        ORDER BY e.seq LIMIT 1),
                       (SELECT pe.fitness FROM population_event pe WHERE pe.program_id = p.id
                        ORDER BY pe.seq LIMIT 1),
                       CASE WHEN p.source = 'START' THEN 1.0 END) AS fitness_a,
              (SELECT e.fitness FROM evaluation e WHERE e.program_id = p.id AND e.stage = 'B'
               ORDER BY e.seq LIMIT 1) AS fitness_b,
              (SELECT e.fitness FROM evaluation e WHERE e.program_id = p.id AND e.stage = 'C'
               ORDER BY e.seq LIMIT 1) AS fitness_c,
              p.hash, p.text
            FROM program p""");

    /** The tables every version-1 store has; a file that lacks one is damaged. */
    static final List<String> TABLES = List.of("meta", "run", "session", "program", "evaluation", "task_result",
            "population_event", "restart", "problem", "status");
}
