package org.optsearch.optim.export;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Where PyTorch is missing the export tests fail and say what to install; they are skipped only when the
 * user asks for it (-Doptsearch.skipTorch=true). A test that skips itself on a machine without torch would
 * let the build pass without ever running the exports.
 */
class PythonRequirementTest {
    private static final Path NO_PYTHON = Path.of("/nonexistent/bin/python3");

    @Test
    void aMissingPythonFailsTheTestAndSaysWhatToInstall() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Python.require(NO_PYTHON, false, "torch"));
        assertTrue(e.getMessage().contains("apt-get install -y python3-torch"), e.getMessage());
        assertTrue(e.getMessage().contains("-Doptsearch.skipTorch=true"), e.getMessage());
    }

    @Test
    void aPythonThatCannotImportTheModuleFailsTheTest() {
        Path cannotImport = Path.of("/bin/false"); // exits 1 for `-c "import torch"`, as a Python without torch
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Python.require(cannotImport, false, "torch"));
        assertTrue(e.getMessage().contains("cannot `import torch`"), e.getMessage());
    }

    @Test
    void onlyTheExplicitOptOutSkips() {
        assertThrows(TestAbortedException.class, () -> Python.require(NO_PYTHON, true, "torch"));
    }
}
