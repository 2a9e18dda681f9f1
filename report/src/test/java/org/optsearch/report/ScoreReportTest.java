package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreReportTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    static ScoreData fixture() {
        List<ScoreData.Workload> workloads = List.of(new ScoreData.Workload("mnist-mlp", "validation accuracy", 0.95, 700),
                new ScoreData.Workload("lstsq-illcond", "validation MSE", 0.012, 575));
        List<ScoreData.Submission> subs = List.of(
                new ScoreData.Submission("lion <script>alert(1)</script>", false, 0.75, 1.4, 1, new double[] {300, INF},
                        new double[] {1, 4}, new double[] {0.5, 0.5}, new double[] {0.01, Double.NaN}),
                new ScoreData.Submission("adamw", true, 0.6, 1, 0, new double[] {450, 400},
                        new double[] {1, 1.5, 4}, new double[] {0.5, 1, 1}, null));
        List<ScoreData.Curve> curves = List.of(
                new ScoreData.Curve("mnist-mlp", "lion <script>alert(1)</script>", new double[] {50, 100, 150},
                        new double[] {0.8, 0.9, 0.96}),
                new ScoreData.Curve("lstsq-illcond", "lion <script>alert(1)</script>", new double[] {25, 50},
                        new double[] {Double.NaN, 0.5}));
        return new ScoreData("OptSearch benchmark", "self-tuning", workloads, subs, curves,
                Map.of("command", "optsearch score targets", "commit", "abc123", "jdk", "17"));
    }

    @Test
    void pageHasTheTableTheProfileAndOneCurveChartPerWorkloadWithCurves() {
        String html = ScoreReport.render(fixture());
        assertEquals(3, Xml.svgs(html).size());
        assertTrue(html.contains("<td class=\"num\">miss</td>"), "a miss is shown as such");
        assertTrue(html.contains("(p=0.010)"), "the claim's p-value");
        assertTrue(html.contains("lion &lt;script&gt;alert(1)&lt;/script&gt;"), "names are escaped");
        assertFalse(html.contains("<script>"), "no script element");
        assertTrue(html.contains("target 0.95"), "the target line is labeled");
        assertTrue(html.contains("abc123"), "provenance is shown");
        assertEquals(html, ScoreReport.render(fixture()), "deterministic");
    }
}
