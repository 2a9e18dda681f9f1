package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final List<Workload> ONE = Workloads.select("diabetes-mlp");
    private static final List<Baselines> TWO = List.of(Baselines.ADAMW, Baselines.SGD_NESTEROV);
    private static final TargetSetting.Protocol TINY = new TargetSetting.Protocol(2, 2, 0, 1.33);

    private static Map<String, Targets.Entry> run(Path file) {
        try (Journal j = Journal.open(file, TargetSetting.header(ONE, TWO, TINY))) {
            return TargetSetting.run(ONE, TWO, TINY, 2, (phase, done, total) -> { }, j);
        }
    }

    @Test
    void aSecondRunReadsEveryTrainingFromTheJournalAndGetsTheSameTargets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.journal");
        Map<String, Targets.Entry> first = run(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(1 + TINY.trainings(1, 2), lines.size(), "a header and one line per training");
        Map<String, Targets.Entry> second = run(file);
        assertEquals(first, second);
        assertEquals(lines, Files.readAllLines(file), "nothing was trained again");
    }

    @Test
    void aTornLastLineIsTrainedAgainAndAJournalOfOtherWorkIsSetAside(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.journal");
        Map<String, Targets.Entry> first = run(file);
        List<String> lines = Files.readAllLines(file);
        String last = lines.get(lines.size() - 1);
        Files.write(file, lines.subList(0, lines.size() - 1));
        Files.writeString(file, last.substring(0, last.length() / 2), java.nio.file.StandardOpenOption.APPEND);
        assertEquals(first, run(file));
        List<String> repaired = Files.readAllLines(file);
        assertEquals(first, run(file));
        assertEquals(repaired, Files.readAllLines(file), "the torn training was recorded again, cleanly");
        try (Journal j = Journal.open(file, "other work")) {
            assertEquals(0, j.size());
        }
        assertTrue(Files.isRegularFile(dir.resolve("t.journal.old")));
    }
}
