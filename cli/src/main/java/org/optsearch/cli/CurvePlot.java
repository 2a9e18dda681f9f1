package org.optsearch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Learning curves of several programs on one task, as a PNG. */
final class CurvePlot {
    private CurvePlot() {
    }

    /** One line: validation values at the given steps. */
    record Line(String label, double[] steps, double[] values) {
    }

    static void write(Path png, String title, String yLabel, List<Line> lines) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("step")
                .yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        for (Line line : lines) {
            XYSeries s = chart.addSeries(line.label(), line.steps(), line.values());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** A file name made of the task name: letters, digits, '-', '_' and '.' kept. */
    static String fileName(String task) {
        return task.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

}
