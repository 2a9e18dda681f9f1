package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.optsearch.lang.Program;
import org.optsearch.search.Finalist;
import org.optsearch.search.SearchResult;
import org.optsearch.search.SearchStatus;
import org.optsearch.train.run.TrainResult;
import org.junit.jupiter.api.Test;

class SearchCommandTest {

    @Test
    void aShortSearchPrintsTheSummaryAndTheJsonAsItsLastLine() throws Exception {
        Cli.Run run = Cli.run("search", "--budget", "12-evals", "--workers", "1", "--tasks", "breast-cancer-mlp",
                "--tasks-b", "none", "--tasks-c", "none", "--population", "10", "--json");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("cache hits"), run.out());
        assertTrue(run.out().contains("fitness per stage"), run.out());
        List<String> lines = run.out().lines().toList();
        JsonNode o = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        for (String key : new String[] {"generated", "evaluated", "cacheHits", "cacheHitRate", "invalid", "bestFitness",
            "baselineFitness", "bestProgram"}) {
            assertTrue(o.has(key), "missing " + key);
        }
        assertEquals(12, o.get("evaluated").asInt());
        assertEquals(1.0, o.get("baselineFitness").asDouble());
    }

    @Test
    void theJsonTellsAFailedStageFromOneThatWasNotRun() {
        Program p = Program.parse("def train(w, g, lr):\n  update = g * lr\n  return update\n");
        SearchStatus s = new SearchStatus(1, "1-evals", 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1.2, TrainResult.FAILED,
                Double.NaN, 1.2);
        SearchResult r = new SearchResult(s, List.of(), List.of(), List.of());
        ObjectNode o = SearchJson.of(r, List.of(new Finalist("candidate 1", p, 1.2, TrainResult.FAILED,
                Double.NaN, List.of(), List.of())));
        JsonNode f = o.get("finalists").get(0);
        assertEquals(1.2, f.get("fitnessA").asDouble());
        assertEquals("failed", f.get("fitnessB").asText(), "it diverged on B");
        assertTrue(f.get("fitnessC").isNull(), "it never ran on C");
    }

    @Test
    void badFlagValuesAreNamed() {
        Cli.Run mode = Cli.run("search", "--mode", "evolution");
        assertEquals(2, mode.exit());
        assertTrue(mode.err().contains("--mode must be one of evolve, constants, random, got 'evolution'"), mode.err());
        Cli.Run budget = Cli.run("search", "--budget", "ten minutes");
        assertEquals(2, budget.exit());
        assertTrue(budget.err().contains("--budget: budget 'ten minutes' is not one of"), budget.err());
        Cli.Run preset = Cli.run("search", "--preset", "huge");
        assertEquals(2, preset.exit());
        assertTrue(preset.err().contains("--preset must be one of quick, standard, paper"), preset.err());
        Cli.Run weights = Cli.run("search", "--mutation-weights", "1:1:1:1:1");
        assertEquals(2, weights.exit());
        assertTrue(weights.err().contains("--mutation-weights must be three or four numbers I:D:M[:T]"), weights.err());
    }

    @Test
    void simplifyWithoutTasksKeepsTheFunctionAndShowsWhatItDid() {
        Cli.Run run = Cli.run("simplify", Cli.program("lion_raw.opt"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("dead slot: m"), run.out());
        assertTrue(run.out().contains("interp-merge"), run.out());
        assertTrue(run.out().contains("update = sign(m)"), run.out());
    }
}
