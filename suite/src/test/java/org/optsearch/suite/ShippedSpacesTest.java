package org.optsearch.suite;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.optsearch.lang.Program;

/** The search spaces in the repository's {@code programs/spaces/} read and fit the programs they are for. */
class ShippedSpacesTest {
    @Test
    void eachSpaceFitsItsProgramAndTheStepSpaceFitsEveryProgram() throws IOException {
        Path programs = programsDirectory();
        List<Path> spaces;
        try (Stream<Path> s = Files.list(programs.resolve("spaces"))) {
            spaces = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(spaces.isEmpty());
        List<Path> opts;
        try (Stream<Path> s = Files.list(programs)) {
            opts = s.filter(p -> p.toString().endsWith(".opt")).sorted().toList();
        }
        for (Path file : spaces) {
            SearchSpace space = SearchSpace.read(file);
            String name = file.getFileName().toString().replace(".yaml", "");
            if (name.equals("step")) {
                for (Path opt : opts) {
                    space.checkAgainst(Program.parse(Files.readString(opt)), opt.getFileName().toString());
                }
            } else {
                Path opt = programs.resolve(name + ".opt");
                assertTrue(Files.isRegularFile(opt), file + " has no program " + opt.getFileName());
                space.checkAgainst(Program.parse(Files.readString(opt)), opt.getFileName().toString());
            }
        }
    }

    private static Path programsDirectory() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("programs").resolve("lion.opt"))) {
                return dir.resolve("programs");
            }
        }
        throw new IllegalStateException("no programs/ folder above " + System.getProperty("user.dir"));
    }
}
