package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDataJsonTest {

    @Test
    void runsRoundTripExactlyIncludingNaNAndFailedFitness(@TempDir Path dir) throws Exception {
        List<RunData> runs = Fixtures.twoModes();
        Path file = dir.resolve("runs.json");
        RunDataJson.write(runs, file);
        List<RunData> back = RunDataJson.read(file);
        assertEquals(runs, back);
        assertEquals(Double.NEGATIVE_INFINITY, back.get(0).top().get(3).fitnessC());
        assertTrue(Double.isNaN(back.get(0).top().get(4).fitnessB()));
        assertEquals(List.copyOf(runs.get(0).config().keySet()), List.copyOf(back.get(0).config().keySet()),
                "config order");
    }

    @Test
    void documentNamesItsFormat() {
        assertTrue(RunDataJson.toJson(List.of()).contains("\"format\" : \"" + RunDataJson.FORMAT + "\""));
    }

    @Test
    void badDocumentsSayWhatIsWrong() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDataJson.fromJson("{\"format\": \"something-else\", \"runs\": []}"));
        assertTrue(e.getMessage().contains("unknown run-data format 'something-else'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RunDataJson.fromJson("{\"format\": "));
        assertTrue(e.getMessage().startsWith("not a run-data document") && e.getMessage().contains("line 1"),
                e.getMessage());
    }
}
