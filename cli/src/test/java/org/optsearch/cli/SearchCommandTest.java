package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
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
