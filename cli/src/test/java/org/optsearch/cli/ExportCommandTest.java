package org.optsearch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optsearch export}: each target writes its file; bad input gets a clear message and exit 2. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachTargetWritesItsFile() throws Exception {
        Path lion = Cli.program("lion.opt");
        Path py = dir.resolve("lion_torch.py");
        Cli.Run torch = Cli.run("export", lion, "--to", "pytorch", "--out", py);
        assertEquals(0, torch.exit(), torch.err());
        assertEquals("exported " + lion + " to " + py + " (pytorch, Lion)\n", torch.out());
        assertEquals("", torch.err());
        String torchSource = Files.readString(py);
        assertTrue(torchSource.contains("class Lion(torch.optim.Optimizer):"), torchSource);
        assertTrue(torchSource.contains("def __init__(self, params, lr=0.0001, beta1=0.9, beta2=0.99, wd=1.0):"));

        Path optax = dir.resolve("lion_optax.py");
        Cli.Run jax = Cli.run("export", lion, "--to", "optax", "--out", optax);
        assertEquals(0, jax.exit(), jax.err());
        String optaxSource = Files.readString(optax);
        assertTrue(optaxSource.contains("def lion(learning_rate=0.0001, beta1=0.9, beta2=0.99, wd=1.0):"), optaxSource);
        assertTrue(optaxSource.contains("return optax.GradientTransformation(init_fn, update_fn)"));

        Path java = dir.resolve("Lion.java");
        Cli.Run j = Cli.run("export", lion, "--to", "JAVA", "--out", java);
        assertEquals(0, j.exit(), j.err());
        assertEquals("", j.err(), "the file is named after the class: no warning");
        String javaSource = Files.readString(java);
        assertTrue(javaSource.contains("public final class Lion {"), javaSource);
        assertTrue(javaSource.contains("return Optimizers.fromProgram(\"lion\", PROGRAM);"), javaSource);
    }

    @Test
    void withoutOutTheSourceGoesToStandardOutputUnderTheChosenName() {
        Cli.Run run = Cli.run("export", Cli.program("sgd_momentum.opt"), "--to", "pytorch", "--class-name", "HeavyBall");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("\"\"\"HeavyBall: the optimizer program sgd_momentum.opt"), run.out());
        assertTrue(run.out().contains("class HeavyBall(torch.optim.Optimizer):"), run.out());
        Cli.Run optax = Cli.run("export", Cli.program("sgd_momentum.opt"), "--to", "optax");
        assertTrue(optax.out().contains("def sgd_momentum(learning_rate=0.01, momentum=0.9):"), optax.out());
        assertTrue(optax.out().contains("class SgdMomentumState(NamedTuple):"), optax.out());
    }

    @Test
    void aJavaFileNamedOtherwiseThanItsClassGetsAWarning() {
        Path file = dir.resolve("optimizer.java");
        Cli.Run run = Cli.run("export", Cli.program("signum.opt"), "--to", "java", "--out", file);
        assertEquals(0, run.exit(), run.err());
        assertEquals("optsearch: warning: the public class Signum belongs in a file named Signum.java, not "
                + "optimizer.java\n", run.err());
        assertTrue(Files.exists(file));
    }

    @Test
    void unknownTargetIsAUsageErrorThatListsTheTargets() {
        Cli.Run run = Cli.run("export", Cli.program("lion.opt"), "--to", "tensorflow");
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Invalid value for option '--to': unknown export target 'tensorflow'; "
                + "expected one of pytorch, optax, java"), run.err());
        assertTrue(run.err().contains("Usage: optsearch export"), run.err());
    }

    @Test
    void missingTargetIsAUsageError() {
        Cli.Run run = Cli.run("export", Cli.program("lion.opt"));
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("Missing required option: '--to=TARGET'"), run.err());
    }

    @Test
    void badProgramIsReportedAtItsPositionAndNothingIsWritten() {
        Path bad = Cli.write(dir, "bad.opt", """
                def train(w, g, m, lr):
                  update = interp(g, m, 0.9)
                  delta = sgn(update)
                  m = interp(g, m, 0.99)
                  return delta, m
                """);
        Path out = dir.resolve("bad.py");
        Cli.Run run = Cli.run("export", bad, "--to", "pytorch", "--out", out);
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals(List.of(
                bad + ":3:11: unknown function 'sgn'; did you mean 'sign'?",
                "  delta = sgn(update)",
                "          ^"), run.errLines());
        assertFalse(Files.exists(out));
    }

    @Test
    void programThatTheAnalysisRefusesIsReportedToo() {
        Path bad = Cli.write(dir, "nog.opt", """
                def train(w, g, lr):
                  update = w * lr
                  return update
                """);
        Cli.Run run = Cli.run("export", bad, "--to", "java");
        assertEquals(2, run.exit());
        assertTrue(run.errLines().get(0).startsWith(bad + ":"), run.err());
        assertTrue(run.errLines().get(0).contains("does not depend on"), run.err());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.opt");
        Cli.Run run = Cli.run("export", missing, "--to", "optax");
        assertEquals(2, run.exit());
        assertEquals(List.of(missing + ": cannot read program: no such file"), run.errLines());
    }

    @Test
    void classNameThatCannotNameAClassIsRefused() {
        Cli.Run run = Cli.run("export", Cli.program("lion.opt"), "--to", "java", "--class-name", "my-lion");
        assertEquals(2, run.exit());
        assertEquals("optsearch: invalid class name 'my-lion': use ASCII letters, digits and '_', not starting with "
                + "a digit\n", run.err());
        Path none = Cli.write(dir, "none.opt", "def train(w, g, lr):\n  update = g * lr\n  return update\n");
        Cli.Run keyword = Cli.run("export", none, "--to", "pytorch");
        assertEquals(2, keyword.exit());
        assertEquals("optsearch: invalid class name 'None': it is a Python keyword (made from the file name "
                + "none.opt); choose one with --class-name\n", keyword.err());
    }

    @Test
    void unwritableOutputIsReported() {
        Path out = dir.resolve("no/such/dir/lion.py");
        Cli.Run run = Cli.run("export", Cli.program("lion.opt"), "--to", "pytorch", "--out", out);
        assertEquals(2, run.exit());
        assertEquals("optsearch: cannot write " + out + ": no such directory\n", run.err());
    }
}
