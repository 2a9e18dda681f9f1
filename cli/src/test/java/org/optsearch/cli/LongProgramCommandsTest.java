package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} and {@code train} on programs that are one dependent chain thousands of statements long. */
class LongProgramCommandsTest {
    @TempDir
    Path dir;

    /** {@code x1 = g * 1.0001}, {@code x2 = x1 * 1.0001}, ..., {@code update = x2500 * lr}. */
    private Path chainOf2500() {
        StringBuilder text = new StringBuilder("def train(w, g, lr):\n  x1 = g * 1.0001\n");
        for (int i = 2; i <= 2_500; i++) {
            text.append("  x").append(i).append(" = x").append(i - 1).append(" * 1.0001\n");
        }
        return Cli.write(dir, "chain.opt", text.append("  update = x2500 * lr\n  return update\n").toString());
    }

    @Test
    void chainOf2500StatementsIsCheckedAndTrained() throws Exception {
        Path chain = chainOf2500();
        Cli.Run check = Cli.run("check", chain);
        assertEquals(0, check.exit(), check.err());
        Cli.Run train = Cli.run("train", "--task", "breast-cancer-mlp", "--program", chain, "--steps", "5", "--json");
        assertEquals(0, train.exit(), train.err());
        JsonNode o = new ObjectMapper().readTree(train.out());
        assertEquals(5, o.get("steps").asInt());
        assertFalse(o.get("diverged").asBoolean(), train.out());
    }

    @Test
    void chainOf50000StatementsIsCheckedAndTrained() throws Exception {
        // 0.9999^50000 is e^-5: a small step (1.0001^50000 would be 148 times the gradient and diverge)
        Path chain = Cli.write(dir, "long.opt", "def train(w, g, lr):\n  x = g * 0.9999\n"
                + "  x = x * 0.9999\n".repeat(49_999) + "  update = x * lr\n  return update\n");
        Cli.Run check = Cli.run("check", chain);
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("update = x * lr"), "the canonical text is printed");
        Cli.Run train = Cli.run("train", "--task", "breast-cancer-mlp", "--program", chain, "--steps", "3", "--json");
        assertEquals(0, train.exit(), train.err());
        JsonNode o = new ObjectMapper().readTree(train.out());
        assertEquals(3, o.get("steps").asInt());
        assertFalse(o.get("diverged").asBoolean(), train.out());
    }
}
