package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Where Chromium is missing the browser tests fail and say what to install; only -DexcludedGroups=browser
 * leaves them out. (Not tagged "browser" itself: it runs everywhere.)
 */
class ChromiumRequirementTest {

    @Test
    void aMissingChromiumFailsTheBrowserTestsAndSaysWhatToInstall() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Chromium.requireInstalled(Path.of("/nonexistent/bin/chromium")));
        assertTrue(e.getMessage().contains("apt-get install -y chromium"), e.getMessage());
        assertTrue(e.getMessage().contains("-DexcludedGroups=browser"), e.getMessage());
    }
}
