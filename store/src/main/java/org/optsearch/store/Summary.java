package org.optsearch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchStatus;
import org.optsearch.train.run.TrainResult;

/**
 * The run row's {@code summary_json}: what {@link SearchResult} says at the end, as JSON. Non-finite
 * numbers (NaN: not evaluated; -Infinity: failed) are written as null; the tables keep the exact values.
 */
final class Summary {
    private Summary() {
    }

    static String json(SearchResult result) {
        ObjectNode o = ConfigJson.JSON.createObjectNode();
        SearchStatus s = result.status();
        ObjectNode status = o.putObject("status");
        number(status, "seconds", s.seconds());
        status.put("budget", s.budget());
        status.put("generated", s.generated());
        status.put("evaluated", s.evaluated());
        status.put("hashHits", s.hashHits());
        status.put("fingerprintHits", s.fingerprintHits());
        status.put("invalid", s.invalid());
        number(status, "redundancy", s.redundancy());
        status.put("hurdleStops", s.hurdleStops());
        status.put("savedSteps", s.savedSteps());
        status.put("failures", s.failures());
        status.put("evaluatedB", s.evaluatedB());
        status.put("evaluatedC", s.evaluatedC());
        status.put("restarts", s.restarts());
        number(status, "bestA", s.bestA());
        number(status, "bestB", s.bestB());
        number(status, "bestC", s.bestC());
        number(status, "medianA", s.medianA());
        ArrayNode baseline = o.putArray("baseline");
        for (TrainResult r : result.baseline()) {
            ObjectNode b = baseline.addObject();
            b.put("task", r.task());
            b.put("steps", r.steps());
            number(b, "valLoss", r.valLoss());
            number(b, "valAccuracy", r.valAccuracy());
            number(b, "fitness", r.fitness());
            number(b, "seconds", r.seconds());
        }
        ArrayNode top = o.putArray("top");
        for (SearchResult.Entry e : result.top()) {
            ObjectNode t = top.addObject();
            t.put("programId", e.candidate().id());
            t.put("hash", e.candidate().hash());
            number(t, "fitnessA", e.fitnessA());
            number(t, "fitnessB", e.fitnessB());
            number(t, "fitnessC", e.fitnessC());
        }
        ArrayNode meta = o.putArray("metaValidation");
        for (SearchResult.MetaPoint p : result.metaValidation()) {
            ObjectNode m = meta.addObject();
            m.put("evaluated", p.evaluated());
            number(m, "seconds", p.seconds());
            m.put("programId", p.candidate());
            number(m, "fitnessA", p.fitnessA());
            number(m, "fitnessB", p.fitnessB());
        }
        try {
            return ConfigJson.JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run summary as JSON: " + e.getMessage(), e);
        }
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) {
            o.put(name, v);
        } else {
            o.putNull(name);
        }
    }
}
