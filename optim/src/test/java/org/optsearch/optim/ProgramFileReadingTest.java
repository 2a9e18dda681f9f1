package org.optsearch.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Optimizers#fromProgram(Path)} on files that are not program text. */
class ProgramFileReadingTest {

    @TempDir
    Path dir;

    @Test
    void endlessFileIsRefusedAfterReadingJustPastTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        IOException e = assertThrows(IOException.class, () -> Optimizers.fromProgram(zero));
        assertEquals("/dev/zero: file is too large to be a program (more than 16777216 bytes; the limit is 16777216)",
                e.getMessage());
    }

    @Test
    void programFileIsReadAndNamedAfterTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.opt"), "def train(w, g, lr):\n  update = g * lr\n  return update\n");
        assertEquals("plain", Optimizers.fromProgram(file).build().name());
    }

    @Test
    void textThatIsNotUtf8IsRefused() throws IOException {
        Path file = Files.write(dir.resolve("latin1.opt"), new byte[] {'d', 'e', 'f', ' ', (byte) 0xE9});
        assertThrows(CharacterCodingException.class, () -> Optimizers.fromProgram(file));
    }
}
