package org.optsearch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optsearch.search.Budget;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.SearchEngine;
import org.optsearch.search.SearchListener;
import org.optsearch.search.StageName;
import org.optsearch.store.RunStore;
import org.optsearch.store.StoreException;
import org.optsearch.store.ConfigJson;
import org.optsearch.store.StoredRun;

/** {@code optsearch search --replay FILE}: does a stored run reproduce from its config and seed? */
final class Replay {
    private Replay() {
    }

    /** Reruns a stored run from its config and seed on one worker and says whether it reproduces. */
    static int run(Path replayFile, PrintWriter out, PrintWriter err) {
        SearchConfig config;
        List<String> original = new ArrayList<>();
        try (StoredRun run = RunStore.open(replayFile)) {
            if (!run.fitness().equals(ConfigJson.FITNESS)) {
                out.printf(Locale.ROOT, "cannot reproduce: %s was recorded by a version that selected on %s; this version "
                        + "selects on %s (replay it with the OptSearch that wrote it)%n", replayFile, run.fitness(),
                        ConfigJson.FITNESS);
                out.flush();
                return 0;
            }
            config = run.config();
            for (var e : run.evaluations()) {
                if (e.stage() == StageName.A) {
                    original.add(run.program(e.programId()).orElseThrow().hash() + " " + e.fitness());
                }
            }
        } catch (StoreException e) {
            throw new CliException(e.getMessage());
        }
        if (original.isEmpty()) {
            throw new CliException(replayFile + " has no stage-A evaluations to replay");
        }
        SearchConfig again = config.withWorkers(1).withBudget(new Budget(null, original.size()));
        List<String> replayed = java.util.Collections.synchronizedList(new ArrayList<>());
        err.printf(Locale.ROOT, "replay: %s, %d stage-A evaluations, one worker, seed %d%n", replayFile,
                original.size(), config.seed());
        err.flush();
        SearchEngine engine = new SearchEngine(again, name -> TaskOptions.resolve(name, null, null), new SearchListener() {
            @Override
            public void evaluated(org.optsearch.search.Candidate c, StageName stage, org.optsearch.search.Score s, int wk,
                    double secs) {
                if (stage == StageName.A) {
                    replayed.add(c.hash() + " " + s.fitness());
                }
            }
        }, System::nanoTime);
        engine.run();
        int same = 0;
        while (same < Math.min(original.size(), replayed.size()) && original.get(same).equals(replayed.get(same))) {
            same++;
        }
        if (same == original.size() && replayed.size() == original.size()) {
            out.printf(Locale.ROOT, "reproduces: all %d stage-A evaluations match in order (program and fitness)%n", same);
        } else {
            out.printf(Locale.ROOT, "does not reproduce: the first %d of %d stage-A evaluations match; evaluation %d "
                    + "differs%s%n", same, original.size(), same + 1, config.workers() > 1 || config.budget().time() != null
                            ? " (the original ran with " + config.workers() + " worker(s) and a " + config.budget()
                                    + " budget; only one-worker runs with an N-evals budget are deterministic)" : "");
        }
        out.flush();
        return 0;
    }
}
