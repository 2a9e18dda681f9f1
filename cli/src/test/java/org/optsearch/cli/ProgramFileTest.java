package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Program files that are not files of text: sizes are checked while reading, not after. */
class ProgramFileTest {

    @Test
    void endlessProgramFileIsRefusedAfterReadingJustPastTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        Cli.Run run = Cli.run("check", zero);
        assertEquals(2, run.exit());
        assertEquals(List.of("/dev/zero: cannot read program: file is too large to be a program (more than 16777216"
                + " bytes; the limit is 16777216)"), run.errLines());
    }

    @Test
    void trainWithAnEndlessProgramFileExits2WithTheSameMessage() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        Cli.Run run = Cli.run("train", "--task", "digits-mlp", "--program", zero);
        assertEquals(2, run.exit());
        assertEquals(List.of("/dev/zero: cannot read program: file is too large to be a program (more than 16777216"
                + " bytes; the limit is 16777216)"), run.errLines());
    }
}
