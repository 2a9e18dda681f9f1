package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @Test
    void noArgumentsPrintsTheCommands() {
        Cli.Run run = Cli.run();
        assertEquals(0, run.exit());
        assertTrue(run.out().contains("Usage: optsearch"), run.out());
        assertTrue(run.out().contains("check"), run.out());
        assertTrue(run.out().contains("bench"), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "check --help", "bench --help", "bench step --help", "help check"})
    void helpGoesToStdoutAndSucceeds(String args) {
        Cli.Run run = Cli.run((Object[]) args.split(" "));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Usage: optsearch"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void versionNamesTheProjectVersion() {
        Cli.Run run = Cli.run("--version");
        assertEquals(0, run.exit());
        assertTrue(run.out().matches("(?s)optsearch \\d+\\.\\d+\\.\\d+.*"), run.out());
    }

    /** Each bad command line: picocli's message, then the usage of the command, exit 2, no stack trace. */
    @ParameterizedTest
    @ValueSource(strings = {
        "--frobnicate|Unknown option: '--frobnicate'|Usage: optsearch ",
        "check --jsn x.opt|Unknown option: '--jsn'|Usage: optsearch check",
        "frob|unknown command 'frob'|Usage: optsearch ",
        "serch|unknown command 'serch'|Did you mean: optsearch search",
        "wrker --help|unknown command 'wrker'|Usage: optsearch ",
        "bench stpe|unknown command 'stpe'|Did you mean: bench step",
        "bench|missing subcommand|Usage: optsearch bench",
        "bench step|Missing required option: '--program=FILE'|Usage: optsearch bench step",
        "bench step --program p.opt --size lots|Invalid value for option '--size'|Usage: optsearch bench step",
        "bench step --program p.opt --size 0|'0': must be >= 1|Usage: optsearch bench step",
    })
    void badCommandLineShowsTheErrorAndUsageAndExits2(String row) {
        String[] cells = row.split("\\|");
        Cli.Run run = Cli.run((Object[]) cells[0].split(" "));
        assertEquals(2, run.exit(), run.out() + run.err());
        List<String> err = run.errLines();
        assertTrue(err.get(0).contains(cells[1]), err.get(0));
        assertTrue(run.err().contains(cells[2]), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    }
}
