package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optsearch simplify} on programs far longer than a search writes. */
class SimplifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void fiftyThousandStatementsAreSimplifiedExactlyAndTheLogIsSummarized() {
        String link = "  x = x * 1.0001\n  d = x + 1.0\n";
        Path file = Cli.write(dir, "long.opt", "def train(w, g, lr):\n  x = g * 1.0001\n" + link.repeat(24_999)
                + "  update = x * lr\n  return update\n");
        Cli.Run run = Cli.run("simplify", file);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("50000 statements -> 25001"), run.out().lines().findFirst().orElse(""));
        assertTrue(run.out().contains("  ... and 24959 more exact steps: dead statement 24959"), run.out());
        assertTrue(run.err().contains("has 50000 statements; removing dead code and rewriting"), run.err());
    }

    @Test
    void greedyStepOverItsStatementLimitIsSkippedWithAMessage() {
        Path file = Cli.write(dir, "chain.opt", "def train(w, g, lr):\n  x = g * 1.0001\n"
                + "  x = x * 1.0001\n".repeat(2_499) + "  update = x * lr\n  return update\n");
        Cli.Run run = Cli.run("simplify", file, "--task", "breast-cancer-mlp");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("2501 statements -> 2501"), run.out());
        assertTrue(run.out().contains("greedy: skipped: 2501 statements, more than the 200 the greedy step tries"),
                run.out());
    }
}
