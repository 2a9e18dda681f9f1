package org.optsearch.optim.export;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped program and every test program, exported to PyTorch and run by PyTorch (Debian's
 * python3-torch, see {@link Python}) for {@link Problem#STEPS} steps on {@link Problem}: the final weights
 * and state equal what our reference interpreter computes, within {@link Problem#ABS} + {@link Problem#REL}
 * |value|. Each program also runs with a learning-rate schedule (torch's LambdaLR against our
 * warm-up-cosine factors) and, when elementwise, in the list form that programs with reductions over all
 * parameters use ({@link ExportCase#standard()}).
 */
class TorchExportTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> exportedOptimizersMatchTheReferenceInterpreter() throws Exception {
        Python.require("torch");
        return PythonHarness.run(ExportTarget.PYTORCH, "run_torch.py", ExportCase.standard(), dir).stream();
    }
}
