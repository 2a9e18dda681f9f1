package org.optsearch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optsearch.report.SvgLineChart.Series;
import org.optsearch.report.SvgLineChart.YAxis;
import org.w3c.dom.Document;

class SvgLineChartTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    static Stream<Arguments> edgeCases() {
        return Stream.of(
                Arguments.of("no series", List.of()),
                Arguments.of("an empty series", List.of(series(new double[0], new double[0]))),
                Arguments.of("a single point", List.of(series(new double[] {3}, new double[] {0.5}))),
                Arguments.of("only NaN and infinities", List.of(series(new double[] {1, 2, 3}, new double[] {NAN, INF, -INF}))),
                Arguments.of("NaN in x", List.of(series(new double[] {NAN, 1, 2}, new double[] {1, 2, 3}))),
                Arguments.of("gaps", List.of(series(new double[] {1, 2, 3, 4, 5}, new double[] {1, NAN, 3, -INF, 5}))),
                Arguments.of("a constant", List.of(series(new double[] {1, 2, 3}, new double[] {7, 7, 7}))),
                Arguments.of("all at one x", List.of(series(new double[] {2, 2, 2}, new double[] {1, 2, 3}))),
                Arguments.of("a huge range", List.of(series(new double[] {-1e308, 0, 1e308}, new double[] {-1.7e308, 1, 1.7e308}))),
                Arguments.of("tiny values", List.of(series(new double[] {1e-300, 2e-300}, new double[] {1e-310, 3e-310}))),
                Arguments.of("zeros and huge values on auto (linear, not log)",
                        List.of(series(new double[] {0, 1, 2}, new double[] {0, 1e12, 5}))),
                Arguments.of("a spike on auto (log)", List.of(series(new double[] {0, 1, 2}, new double[] {0.2, 1e9, 0.3}))),
                Arguments.of("a name that needs escaping", List.of(Series.line(Fixtures.NASTY, "#000", "", new double[] {1, 2},
                        new double[] {1, 2}))));
    }

    private static Series series(double[] x, double[] y) {
        return Series.line("s", "#0072B2", "6 4", x, y);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edgeCases")
    void edgeCasesRenderAsWellFormedXmlWithFiniteCoordinates(String name, List<Series> series) throws Exception {
        SvgLineChart c = new SvgLineChart("c", "Title <with> & \"marks\"").xLabel("x & y").yLabel("<y>");
        series.forEach(c::add);
        String svg = c.render();
        Document d = Xml.parse(svg);
        assertEquals("svg", d.getDocumentElement().getTagName());
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), svg);
        assertFalse(svg.contains("<script"), svg);
    }

    @Test
    void emptyChartSaysSo() {
        String svg = new SvgLineChart("c", "t").add(series(new double[] {1}, new double[] {NAN})).render();
        assertTrue(svg.contains(">no data<"), svg);
        assertFalse(svg.contains("<path"), svg);
    }

    @Test
    void aGapBreaksTheLineAndALonePointBecomesADot() {
        String svg = new SvgLineChart("c", "t")
                .add(series(new double[] {1, 2, 3, 4, 5, 6}, new double[] {1, 2, NAN, 3, INF, 4})).render();
        String d = svg.replaceAll("(?s).*<path d=\"([^\"]*)\".*", "$1");
        assertEquals(3, d.chars().filter(ch -> ch == 'M').count(), d);
        assertEquals(2, svg.split("<circle", -1).length - 1, "one dot each for the lone points 3 and 4");
    }

    @Test
    void logAxisSkipsValuesItCannotPlace() throws Exception {
        String svg = new SvgLineChart("c", "t").yAxis(YAxis.LOG)
                .add(series(new double[] {1, 2, 3, 4}, new double[] {0.1, 0, -5, 1000})).render();
        Xml.parse(svg);
        assertTrue(svg.contains(">1000<") && svg.contains(">0.1<"), svg);
    }

    @Test
    void aFloorCutsOffLowValuesAndSaysSo() {
        String svg = new SvgLineChart("c", "t").yFloor(0)
                .add(series(new double[] {1, 2, 3}, new double[] {1, -400, 1.1})).render();
        assertTrue(svg.contains("values below 0 are cut off"), svg);
        assertFalse(svg.contains(">-400<"), svg);
    }

    @Test
    void manyPointsAreThinnedToThePlotsWidth() throws Exception {
        int n = 200_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            y[i] = Math.sin(i / 500.0) + (i % 7) * 0.01;
        }
        String svg = new SvgLineChart("c", "t").add(series(x, y)).render();
        Xml.parse(svg);
        assertTrue(svg.length() < 60_000, "svg has " + svg.length() + " characters");
    }

    @Test
    void markersCarryTheirHoverText() {
        String svg = new SvgLineChart("c", "t").add(new Series("s", "#000", "", new double[] {1, 2},
                new double[] {1, 2}, true, List.of("first <1>", "second"))).render();
        assertTrue(svg.contains("<title>first &lt;1&gt;</title>"), svg);
        assertTrue(svg.contains("<title>second</title>"), svg);
    }

    @Test
    void longLegendsWrapIntoMoreRows() {
        SvgLineChart few = new SvgLineChart("c", "t");
        SvgLineChart many = new SvgLineChart("c", "t");
        for (int i = 0; i < 12; i++) {
            Series s = Series.line("a rather long series name number " + i, "#000", "", new double[] {1},
                    new double[] {1});
            many.add(s);
            if (i < 2) {
                few.add(s);
            }
        }
        assertTrue(height(many.render()) > height(few.render()));
    }

    @Test
    void pixelNumbersHaveOneDecimal() {
        assertEquals("12.3", SvgLineChart.num(12.34));
        assertEquals("-0.5", SvgLineChart.num(-0.5));
        assertEquals("7", SvgLineChart.num(7.0));
        assertEquals("0", SvgLineChart.num(-0.01));
    }

    private static int height(String svg) {
        return Integer.parseInt(svg.replaceAll("(?s).*? height=\"(\\d+)\".*", "$1"));
    }
}
