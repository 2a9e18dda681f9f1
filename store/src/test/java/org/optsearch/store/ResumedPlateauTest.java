package org.optsearch.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Candidate;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchListener;
import org.optsearch.train.task.Tasks;

/**
 * The plateau count is part of the state: a run stopped k children into a plateau and resumed restarts
 * after the remaining plateau - k children, as the uninterrupted run would, not after a whole new plateau.
 */
class ResumedPlateauTest {
    private static final Program SLOW_SGD = Program.parse("""
            def train(w, g, m, lr):
              m = interp(g, m, 0.9)
              lr = lr * 0.01
              update = m * lr
              return update, m
            """);
    private static final int PLATEAU = 6;

    @TempDir
    Path dir;

    private static SearchConfig config(int evaluations) {
        return SearchConfig.builder().setStart(SLOW_SGD, "slow_sgd").setStageA(List.of("breast-cancer-mlp:S"))
                .setBudget(new Budget(null, evaluations)).optPopulation(8, 2).optPromoteFraction(0.25)
                .optHurdleFactor(1.5).optPlateau(PLATEAU).optSeed(11).optEvaluationLimit(Duration.ofMinutes(1))
                .build();
    }

    @Test
    void aResumedRunRestartsAfterTheRestOfItsPlateau() {
        Path file = dir.resolve("plateau.db");
        long since = 0;
        for (int evaluations = 3; since == 0; evaluations++) {
            try (RunStore store = RunStore.create(dir.resolve("plateau-" + evaluations + ".db"),
                    RunInfo.of(config(evaluations), "test"))) {
                store.finish(new SearchEngine(config(evaluations), Tasks::resolve, store, System::nanoTime).run());
            }
            try (StoredRun run = RunStore.open(dir.resolve("plateau-" + evaluations + ".db"))) {
                since = run.resumePoint().counters().sinceImprovement();
            }
            file = dir.resolve("plateau-" + evaluations + ".db");
        }
        assertTrue(since > 0 && since < PLATEAU, "stopped inside a plateau: " + since);
        double best;
        try (StoredRun run = RunStore.open(file)) {
            best = run.resumePoint().state().best().fitness();
        }
        AtomicInteger joins = new AtomicInteger();
        AtomicLong joinsAtRestart = new AtomicLong(-1);
        AtomicInteger improvements = new AtomicInteger();
        SearchListener counting = new SearchListener() {
            @Override
            public synchronized void populationChanged(Candidate added, double fitness, Candidate removed) {
                joins.incrementAndGet();
                if (fitness > best && joinsAtRestart.get() < 0) {
                    improvements.incrementAndGet();
                }
            }

            @Override
            public synchronized void restarted(Candidate b, long generated) {
                joinsAtRestart.compareAndSet(-1, joins.get());
            }
        };
        try (StoredRun run = RunStore.open(file)) {
            new SearchEngine(config(10), Tasks::resolve, counting, System::nanoTime, run.resumePoint().state())
                    .run();
        }
        assertEquals(0, improvements.get(), "nothing beat the best before the restart (else the count starts over)");
        assertEquals(PLATEAU - since, joinsAtRestart.get(), "joins of the resumed run before its first restart");
    }
}
