package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    private static final String HTML = Report.render(Fixtures.twoModes());

    @Test
    void pageReferencesNothingOutsideItself() {
        assertFalse(Pattern.compile("(?i)https?:").matcher(HTML).find(), "an http(s) reference");
        assertFalse(Pattern.compile("(?i)<script").matcher(HTML).find(), "a script element");
        assertFalse(Pattern.compile("(?i)<link\\b").matcher(HTML).find(), "a link element");
        assertFalse(Pattern.compile("(?i)<(img|iframe|object|embed|audio|video|source)\\b").matcher(HTML).find(),
                "an embedded resource");
        assertFalse(Pattern.compile("(?i)@import|@font-face|url\\((?!#)").matcher(HTML).find(), "a CSS fetch");
        Matcher refs = Pattern.compile("(?i)\\b(?:src|href|xlink:href)\\s*=\\s*\"([^\"]*)\"").matcher(HTML);
        while (refs.find()) {
            assertTrue(refs.group(1).startsWith("#"), "a reference outside the page: " + refs.group());
        }
        assertTrue(HTML.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""), "no CSP");
    }

    @Test
    void textFromDataIsEscapedEverywhere() {
        assertFalse(HTML.contains("alert(1)</script>"));
        assertFalse(HTML.contains("\"q\""), "a raw double quote from data");
        assertTrue(HTML.contains("constants &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;x&#39;"));
        assertTrue(HTML.contains("<pre>def train(w, g, m, lr):"));
    }

    @Test
    void everyChartIsWellFormedSvg() throws Exception {
        List<String> svgs = Xml.svgs(HTML);
        assertEquals(2 + 2 + 1 + 2, svgs.size(), "fitness A, B/C, cache, redundancy, meta, two curve charts");
        for (String svg : svgs) {
            Xml.parse(svg);
        }
        assertEquals(svgs.size(), svgs.stream().map(s -> s.replaceAll("(?s).*?<clipPath id=\"([^\"]+)\".*", "$1"))
                .distinct().count(), "clip-path ids repeat");
    }

    @Test
    void pageHasEverySection() {
        for (String h : List.of("Summary", "Fitness over time", "Cache and redundancy", "Meta-validation",
                "Learning curves on stages B and C", "Top programs")) {
            assertTrue(HTML.contains("<h2>" + h + "</h2>"), h);
        }
        assertTrue(HTML.contains("Stage B: digits-mlp:M") && HTML.contains("Stage C: digits-mlp:L"));
        assertTrue(HTML.contains(">failed</b>"), "the failed C fitness of program 4");
    }

    /** A promoted program's confirmation on the next seed (stage A2) is shown beside its A score; others have none. */
    @Test
    void theSecondSeedsScoreIsShownWhereItWasRun() {
        assertTrue(HTML.contains("A2 <b>" + Format.fitness(1.0125) + "</b>"), "the A2 score of the first program");
        assertEquals(Fixtures.twoModes().size(), HTML.split(">A2 <b>", -1).length - 1,
                "A2 once per run, on its first program only");
    }

    @Test
    void sameRunsGiveTheSamePage() {
        assertEquals(HTML, Report.render(Fixtures.twoModes()));
    }

    @Test
    void runsWithoutDataStillRender() throws Exception {
        RunData bare = new RunData("bare", "random", null, null, null, null, null,
                new RunData.Summary(0, null, 0, 0, 0, 0, 0, Double.NaN, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN,
                        Double.NaN));
        String html = Report.render(List.of(bare));
        for (String svg : Xml.svgs(html)) {
            Xml.parse(svg);
        }
        assertTrue(html.contains("No learning curves recorded.") && html.contains("No programs recorded."));
        assertTrue(Report.render(List.of()).contains("No runs to show."));
    }

    @Test
    void writeCreatesFoldersAndReplacesTheFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("a/b/report.html");
        Report.write(List.of(), out);
        Report.write(Fixtures.twoModes(), out);
        assertEquals(HTML, Files.readString(out));
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "a temporary file was left behind");
        }
    }
}
