package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: it renders without a console message, and the screenshot shows charts.
 * The screenshot stays in {@code report/target/browser/report.png} for a person to look at.
 */
@Tag("browser")
class BrowserRenderTest {
    private static final Path OUT = Path.of(System.getProperty("basedir", ".")).resolve("target/browser");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @BeforeAll
    static void chromiumIsInstalled() {
        Chromium.requireInstalled();
    }

    @Test
    void reportRendersWithoutConsoleMessagesAndShowsCharts(@TempDir Path scratch) throws Exception {
        Path html = OUT.resolve("report.html");
        Path png = OUT.resolve("report.png");
        Files.deleteIfExists(png);
        Report.write(Fixtures.twoModes(), html);
        RunDataJson.write(Fixtures.twoModes(), OUT.resolve("runs.json"));

        Chromium.Result r = Chromium.screenshot(html, png, 1280, 2400, scratch);

        assertEquals(0, r.exit(), () -> "Chromium failed:\n" + String.join("\n", r.log()));
        assertEquals(List.of(), r.consoleProblems());
        assertTrue(Files.isRegularFile(png), "no screenshot");
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), "not a PNG");
        assertTrue(bytes.length > 50_000, "screenshot of only " + bytes.length + " bytes");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(2400, image.getHeight());
        assertPainted(image);
    }

    @Test
    void domHasEverySectionAndNoInjectedScript(@TempDir Path scratch) throws Exception {
        Path html = scratch.resolve("report.html");
        Report.write(Fixtures.twoModes(), html);

        Chromium.Result r = Chromium.dumpDom(html, scratch);

        assertEquals(0, r.exit(), () -> "Chromium failed:\n" + String.join("\n", r.log()));
        assertEquals(List.of(), r.consoleProblems());
        String dom = r.stdout();
        for (String h : List.of("Summary", "Fitness over time", "Cache and redundancy", "Meta-validation",
                "Learning curves on stages B and C", "Top programs")) {
            assertTrue(dom.contains("<h2>" + h + "</h2>"), "no heading " + h);
        }
        assertEquals(7, Xml.svgs(dom).size(), "charts in the DOM");
        assertFalse(dom.toLowerCase().contains("<script"), "a script element in the DOM");
        assertTrue(dom.contains("constants &lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "the label as text");
    }

    @Test
    void detectorSeesAnUncaughtError(@TempDir Path scratch) throws Exception {
        Path html = scratch.resolve("error.html");
        Files.writeString(html, "<!DOCTYPE html><title>e</title><p>x</p><script>throw new Error('x')</script>");

        Chromium.Result r = Chromium.dumpDom(html, scratch);

        assertEquals(0, r.exit());
        assertTrue(r.consoleProblems().stream().anyMatch(l -> l.contains("Uncaught Error: x")),
                () -> "missed the error; log:\n" + String.join("\n", r.log()));
    }

    @Test
    void detectorSeesAnExternalResourceTheReportsPolicyBlocks(@TempDir Path scratch) throws Exception {
        String page = Report.render(List.of()).replace("</body>",
                "<img src=\"https://example.invalid/x.png\" alt=\"\"><script>alert(1)</script></body>");
        Path html = scratch.resolve("external.html");
        Files.writeString(html, page);

        Chromium.Result r = Chromium.dumpDom(html, scratch);

        assertEquals(0, r.exit());
        List<String> problems = r.consoleProblems();
        assertTrue(problems.stream().anyMatch(l -> l.contains("example.invalid")),
                () -> "missed the blocked image; log:\n" + String.join("\n", r.log()));
        assertTrue(problems.stream().anyMatch(l -> l.contains("script")),
                () -> "missed the blocked script; log:\n" + String.join("\n", r.log()));
    }

    /** Not blank: many colors, and a fair share of pixels differ from the background. */
    private static void assertPainted(BufferedImage image) {
        Map<Integer, Integer> colors = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colors.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int background = colors.values().stream().max(Integer::compare).orElse(0);
        int total = colors.values().stream().mapToInt(Integer::intValue).sum();
        assertTrue(colors.size() > 50, "only " + colors.size() + " colors");
        assertTrue(background < 0.95 * total, "the background covers " + (100L * background / total) + "%");
        for (String color : List.of("#0072B2", "#D55E00")) {
            int rgb = Integer.parseInt(color.substring(1), 16);
            assertTrue(colors.containsKey(0xFF000000 | rgb), "no pixel in the run color " + color);
        }
    }
}
