package org.optsearch.optim.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optax export. JAX is not installed where the tests run, so: every program's export, in both
 * forms, must parse as Python ({@code ast.parse}); and every case of {@link ExportCase#standard()} runs
 * with numpy standing in for jax.numpy (run_optax_numpy.py) and must match the reference interpreter
 * like the PyTorch export. Neither runs JAX itself.
 */
class OptaxExportTest {
    @TempDir
    Path dir;

    @Test
    void everyExportIsValidPython() throws Exception {
        Python.require();
        List<String> args = new ArrayList<>(List.of("-c",
                "import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f, encoding='utf-8').read(), f)\n"));
        int n = 0;
        for (ExportSource source : ExportPrograms.all()) {
            for (boolean listForm : new boolean[] {false, true}) {
                for (ExportTarget target : new ExportTarget[] {ExportTarget.OPTAX, ExportTarget.PYTORCH}) {
                    Path file = dir.resolve("export" + n++ + ".py");
                    String name = ClassNames.fromFileName(source.fileName());
                    Files.writeString(file, Exporter.export(source, target, name, listForm), StandardCharsets.UTF_8);
                    args.add(file.toString());
                }
            }
        }
        Python.Result result = Python.run(args, dir);
        assertEquals(0, result.exit(), "an export is not valid Python:\n" + result.stderr());
    }

    @TestFactory
    Stream<DynamicTest> exportRunWithNumpyForJaxMatchesTheReferenceInterpreter() throws Exception {
        Python.require("numpy");
        return PythonHarness.run(ExportTarget.OPTAX, "run_optax_numpy.py", ExportCase.standard(), dir).stream();
    }
}
