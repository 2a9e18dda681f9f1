package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark page in a real browser; the screenshot stays in {@code report/target/browser/score.png}. */
@Tag("browser")
class ScoreBrowserRenderTest {
    private static final Path OUT = Path.of(System.getProperty("basedir", ".")).resolve("target/browser");

    @BeforeAll
    static void chromiumIsInstalled() {
        Chromium.requireInstalled();
    }

    @Test
    void benchmarkPageRendersWithoutConsoleMessagesAndShowsItsCharts(@TempDir Path scratch) throws Exception {
        Path html = OUT.resolve("score.html");
        Path png = OUT.resolve("score.png");
        Files.deleteIfExists(png);
        ScoreReport.write(ScoreReportTest.fixture(), html);
        Chromium.Result r = Chromium.screenshot(html, png, 1280, 1600, scratch);
        assertEquals(0, r.exit(), () -> "Chromium failed:\n" + String.join("\n", r.log()));
        assertEquals(List.of(), r.consoleProblems());
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), "not a PNG");
        Chromium.Result dom = Chromium.dumpDom(html, scratch);
        assertEquals(List.of(), dom.consoleProblems());
        assertEquals(3, Xml.svgs(dom.stdout()).size(), "charts in the DOM");
        assertTrue(dom.stdout().contains("<h2>Performance profiles</h2>"));
    }
}
