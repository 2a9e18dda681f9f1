package org.optsearch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.optsearch.search.Finalist;
import org.optsearch.search.FunnelSelection;
import org.optsearch.search.SearchResult;
import org.optsearch.train.run.TrainResult;

/** The last line of {@code search --json}: one object with the counters, the result and the finalists. */
final class SearchJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchJson() {
    }

    /** The search's counters, its result and its finalists with their fitness on each stage. */
    static ObjectNode of(SearchResult r, List<Finalist> finalists) {
        ObjectNode o = JSON.createObjectNode();
        var s = r.status();
        o.put("generated", s.generated());
        o.put("evaluated", s.evaluated());
        o.put("cacheHits", s.hashHits() + s.fingerprintHits());
        o.put("hashHits", s.hashHits());
        o.put("fingerprintHits", s.fingerprintHits());
        o.put("cacheHitRate", s.cacheHitRate());
        o.put("invalid", s.invalid());
        o.put("redundancy", s.redundancy());
        o.put("hurdleStops", s.hurdleStops());
        o.put("savedSteps", s.savedSteps());
        o.put("failures", s.failures());
        o.put("evaluatedB", s.evaluatedB());
        o.put("evaluatedC", s.evaluatedC());
        o.put("seconds", s.seconds());
        o.put("bestFitness", s.bestA());
        o.put("baselineFitness", 1.0);
        FunnelSelection.Result chosen = FunnelSelection.choose(finalists);
        if (chosen != null) {
            o.put("bestProgram", chosen.finalist().program().print());
            ObjectNode res = o.putObject("result");
            res.put("name", chosen.finalist().name());
            res.put("stage", chosen.stage());
            putFitness(res, "fitness", chosen.fitness());
        } else if (!finalists.isEmpty()) {
            o.put("bestProgram", finalists.get(0).program().print());
        } else if (!r.top().isEmpty()) {
            o.put("bestProgram", r.top().get(0).program().print());
        }
        ArrayNode top = o.putArray("finalists");
        for (Finalist f : finalists) {
            ObjectNode n = top.addObject();
            n.put("name", f.name());
            putFitness(n, "fitnessA", f.fitnessA());
            putFitness(n, "fitnessB", f.fitnessB());
            putFitness(n, "fitnessC", f.fitnessC());
            n.put("program", f.program().print());
            ArrayNode failed = n.putArray("failedStages");
            double[] byStage = {f.fitnessA(), f.fitnessB(), f.fitnessC()};
            for (int i = 0; i < byStage.length; i++) {
                if (byStage[i] == TrainResult.FAILED) {
                    failed.add(String.valueOf((char) ('A' + i)));
                }
            }
            if (!f.notes().isEmpty()) {
                ArrayNode notes = n.putArray("notes");
                f.notes().forEach(notes::add);
            }
        }
        return o;
    }

    /**
     * A stage's fitness: a number when it trained, {@code "failed"} when it diverged or hit a hurdle
     * ({@link TrainResult#FAILED}), null when it was not run there (no such stage, or not promoted to it).
     */
    static void putFitness(ObjectNode o, String key, double fitness) {
        if (fitness == TrainResult.FAILED) {
            o.put(key, "failed");
        } else {
            TrainCommand.putNumber(o, key, fitness);
        }
    }
}
