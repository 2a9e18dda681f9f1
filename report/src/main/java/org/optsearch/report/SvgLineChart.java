package org.optsearch.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A line chart as inline SVG: title, axes with ticks and grid, axis labels, a legend below the plot, and
 * one polyline per series (with a dot per point where asked, up to 150 points). Points whose x or y is not
 * finite (or not positive on a log axis) are left out and break the line there; a lone point between gaps
 * is drawn as a dot. Series with many points are thinned to the first, lowest, highest and last point of
 * each pixel column. The output is well-formed XML (no namespace declaration, which HTML does not need)
 * and references nothing outside itself.
 */
final class SvgLineChart {

    /** How the y axis is scaled; {@code AUTO} is logarithmic when all values are positive and span 50x or more. */
    enum YAxis { LINEAR, LOG, AUTO }

    /** A line; {@code tips}, when given, are hover texts for the markers, one per point. */
    record Series(String name, String color, String dash, double[] x, double[] y, boolean markers, List<String> tips) {
        Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but "
                        + y.length + " y values");
            }
            tips = tips == null ? List.of() : List.copyOf(tips);
        }

        static Series line(String name, String color, String dash, double[] x, double[] y) {
            return new Series(name, color, dash, x, y, false, List.of());
        }
    }

    /** A legend entry: a short line in the series' color and dash, then its name. */
    record Key(String name, String color, String dash) {
    }

    static final int WIDTH = 640;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int PLOT_HEIGHT = 230;
    private static final int BELOW_PLOT = 44;
    private static final int LEGEND_ROW = 18;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final int LEGEND_CHARS = 48;
    private static final double CHAR_WIDTH = 6.8;
    private static final double FAR = 1e5;
    /** A white outline under text drawn over lines, so it stays readable. */
    private static final String HALO = " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\"";
    private static final int THIN_ABOVE = 2 * PLOT_WIDTH;
    /** Series with more points than this are drawn without markers, which would only blot the line. */
    private static final int MAX_MARKERS = 150;

    private final String id;
    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private YAxis yAxis = YAxis.AUTO;
    private double yFloor = Double.NaN;
    private final List<Double> xIncluded = new ArrayList<>();
    private final List<Double> yIncluded = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private double ruleY = Double.NaN;
    private String ruleLabel = "";
    private final List<Key> keys = new ArrayList<>();

    /** @param id unique within the page (it names the chart's clip path); letters, digits and '-' only */
    SvgLineChart(String id, String title) {
        if (!id.matches("[A-Za-z][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("chart id must be letters, digits and '-', got '" + id + "'");
        }
        this.id = id;
        this.title = title;
    }

    SvgLineChart xLabel(String label) {
        this.xLabel = label;
        return this;
    }

    SvgLineChart yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    SvgLineChart yAxis(YAxis axis) {
        this.yAxis = axis;
        return this;
    }

    /** The y axis goes no lower than this; lines below it are cut off at the plot's edge, with a note. */
    SvgLineChart yFloor(double floor) {
        this.yFloor = floor;
        return this;
    }

    /** The x axis reaches at least to {@code v} (e.g. 0 for time). */
    SvgLineChart xInclude(double v) {
        xIncluded.add(v);
        return this;
    }

    /** The y axis reaches at least to {@code v} (e.g. 0 and 100 for a percentage). */
    SvgLineChart yInclude(double v) {
        yIncluded.add(v);
        return this;
    }

    /** A thin horizontal reference line at {@code y}, labeled, and included in the y range. */
    SvgLineChart yRule(double y, String label) {
        this.ruleY = y;
        this.ruleLabel = label;
        return yInclude(y);
    }

    SvgLineChart add(Series s) {
        series.add(s);
        return this;
    }

    /** Adds a legend entry; without any, the legend lists the series. */
    SvgLineChart key(String name, String color, String dash) {
        keys.add(new Key(name, color, dash));
        return this;
    }

    String render() {
        boolean log = useLog();
        double[] yr = range(true, log);
        double[] xr = range(false, log);
        boolean empty = yr == null || xr == null;
        boolean cut = false;
        if (!empty && Double.isFinite(yFloor) && yr[0] < yFloor && yr[1] > yFloor) {
            yr[0] = yFloor;
            cut = true;
        }
        for (double v : yIncluded) {
            if (!empty && (!log || v > 0)) {
                yr[0] = Math.min(yr[0], v);
                yr[1] = Math.max(yr[1], v);
            }
        }
        for (double v : xIncluded) {
            if (!empty) {
                xr[0] = Math.min(xr[0], v);
                xr[1] = Math.max(xr[1], v);
            }
        }
        Scale ys = empty ? Scale.linear(0, 1, 5) : log ? Scale.log(yr[0], yr[1]) : Scale.linear(yr[0], yr[1], 5);
        Scale xs = empty ? Scale.linear(0, 1, 5) : Scale.linear(xr[0], xr[1], 6);

        List<Key> legend = keys.isEmpty() ? series.stream().map(s -> new Key(s.name(), s.color(), s.dash())).toList()
                : keys;
        List<double[]> legendAt = layoutLegend(legend);
        int legendTop = TOP + PLOT_HEIGHT + BELOW_PLOT;
        int rows = legendAt.isEmpty() ? 0 : (int) legendAt.get(legendAt.size() - 1)[1] + 1;
        int height = legendTop + rows * LEGEND_ROW + 6;

        StringBuilder b = new StringBuilder(8192);
        b.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title\"")
                .append(" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\"")
                .append(" font-size=\"12\">\n");
        b.append("<title id=\"").append(id).append("-title\">").append(Html.escape(title)).append("</title>\n");
        b.append("<defs><clipPath id=\"").append(id).append("-clip\"><rect x=\"").append(LEFT).append("\" y=\"")
                .append(TOP).append("\" width=\"").append(PLOT_WIDTH).append("\" height=\"").append(PLOT_HEIGHT)
                .append("\"/></clipPath></defs>\n");
        b.append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"600\" fill=\"#222\">")
                .append(Html.escape(Html.shorten(title, 80))).append("</text>\n");
        if (cut) {
            b.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"20\" text-anchor=\"end\" font-size=\"11\"")
                    .append(" fill=\"#777\">values below ").append(Html.escape(label(yFloor)))
                    .append(" are cut off</text>\n");
        }
        b.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(PLOT_WIDTH)
                .append("\" height=\"").append(PLOT_HEIGHT).append("\" fill=\"#fff\" stroke=\"#bbb\"/>\n");
        axes(b, xs, ys, empty);
        if (empty) {
            b.append("<text x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(TOP + PLOT_HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#888\" font-size=\"13\">no data</text>\n");
        } else {
            rule(b, ys);
            b.append("<g clip-path=\"url(#").append(id).append("-clip)\" fill=\"none\" stroke-width=\"1.8\"")
                    .append(" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n");
            for (Series s : series) {
                lines(b, s, xs, ys);
            }
            b.append("</g>\n");
        }
        for (int i = 0; i < legend.size(); i++) {
            Key k = legend.get(i);
            double x = legendAt.get(i)[0];
            double y = legendTop + legendAt.get(i)[1] * LEGEND_ROW + 9;
            b.append("<g><title>").append(Html.escape(k.name())).append("</title>");
            b.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(num(y)).append("\" x2=\"")
                    .append(num(x + 22)).append("\" y2=\"").append(num(y)).append("\" stroke=\"")
                    .append(Html.escape(k.color())).append("\" stroke-width=\"2.2\"").append(dash(k.dash())).append("/>");
            b.append("<text x=\"").append(num(x + 27)).append("\" y=\"").append(num(y + 4)).append("\" fill=\"#333\">")
                    .append(Html.escape(Html.shorten(k.name(), LEGEND_CHARS))).append("</text></g>\n");
        }
        b.append("</svg>");
        return b.toString();
    }

    private boolean useLog() {
        if (yAxis != YAxis.AUTO) {
            return yAxis == YAxis.LOG;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                double v = s.y()[i];
                if (Double.isFinite(v) && Double.isFinite(s.x()[i])) {
                    if (v <= 0) {
                        return false;
                    }
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max > 0 && max / min >= 50;
    }

    /** The [min, max] of the drawable y (or x) values, or null when there are none. */
    private double[] range(boolean ofY, boolean log) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!log || y > 0)) {
                    double v = ofY ? y : x;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : null;
    }

    private void axes(StringBuilder b, Scale xs, Scale ys, boolean empty) {
        int bottom = TOP + PLOT_HEIGHT;
        b.append("<g stroke=\"#e6e6e6\" stroke-width=\"1\">");
        if (!empty) {
            for (double t : ys.ticks()) {
                double y = py(ys, t);
                b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(num(y)).append("\" x2=\"")
                        .append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(num(y)).append("\"/>");
            }
            for (double t : xs.ticks()) {
                double x = px(xs, t);
                b.append("<line x1=\"").append(num(x)).append("\" y1=\"").append(TOP).append("\" x2=\"")
                        .append(num(x)).append("\" y2=\"").append(bottom).append("\"/>");
            }
        }
        b.append("</g>\n<g fill=\"#555\">");
        if (!empty) {
            for (int i = 0; i < ys.ticks().length; i++) {
                double y = py(ys, ys.ticks()[i]);
                b.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(num(y + 3.5))
                        .append("\" text-anchor=\"end\">").append(Html.escape(ys.labels().get(i))).append("</text>");
            }
            for (int i = 0; i < xs.ticks().length; i++) {
                double x = px(xs, xs.ticks()[i]);
                b.append("<text x=\"").append(num(x)).append("\" y=\"").append(bottom + 15)
                        .append("\" text-anchor=\"middle\">").append(Html.escape(xs.labels().get(i))).append("</text>");
            }
        }
        b.append("</g>\n");
        b.append("<text x=\"").append(LEFT + PLOT_WIDTH / 2).append("\" y=\"").append(bottom + 33)
                .append("\" text-anchor=\"middle\" fill=\"#333\">").append(Html.escape(xLabel)).append("</text>\n");
        b.append("<text transform=\"rotate(-90)\" x=\"").append(-(TOP + PLOT_HEIGHT / 2)).append("\" y=\"14\"")
                .append(" text-anchor=\"middle\" fill=\"#333\">").append(Html.escape(yLabel)).append("</text>\n");
    }

    private void rule(StringBuilder b, Scale ys) {
        if (!ys.accepts(ruleY)) {
            return;
        }
        double y = py(ys, ruleY);
        if (y < TOP || y > TOP + PLOT_HEIGHT) {
            return;
        }
        b.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(num(y)).append("\" x2=\"")
                .append(LEFT + PLOT_WIDTH).append("\" y2=\"").append(num(y))
                .append("\" stroke=\"#999\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>\n");
        b.append("<text x=\"").append(LEFT + PLOT_WIDTH - 4).append("\" y=\"").append(num(y - 4))
                .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#777\"").append(HALO).append('>')
                .append(Html.escape(ruleLabel))
                .append("</text>\n");
    }

    private void lines(StringBuilder b, Series s, Scale xs, Scale ys) {
        StringBuilder d = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        List<double[]> run = new ArrayList<>();
        boolean thin = s.x().length > THIN_ABOVE;
        boolean markers = s.markers() && s.x().length <= MAX_MARKERS;
        for (int i = 0; i <= s.x().length; i++) {
            boolean ok = i < s.x().length && xs.accepts(s.x()[i]) && ys.accepts(s.y()[i]);
            if (ok) {
                run.add(new double[] {px(xs, s.x()[i]), py(ys, s.y()[i])});
                if (markers) {
                    marker(dots, s, run.get(run.size() - 1), i < s.tips().size() ? s.tips().get(i) : null);
                }
            } else if (!run.isEmpty()) {
                List<double[]> pts = thin ? Thinning.byPixelColumn(run) : run;
                if (pts.size() == 1 && !markers) {
                    marker(dots, s, pts.get(0), null);
                }
                for (int k = 0; k < pts.size(); k++) {
                    d.append(k == 0 ? 'M' : 'L').append(num(pts.get(k)[0])).append(' ').append(num(pts.get(k)[1]));
                }
                run.clear();
            }
        }
        if (d.length() > 0) {
            b.append("<path d=\"").append(d).append("\" stroke=\"").append(Html.escape(s.color())).append('"')
                    .append(dash(s.dash())).append("><title>").append(Html.escape(s.name())).append("</title></path>\n");
        }
        b.append(dots);
    }

    private static void marker(StringBuilder b, Series s, double[] p, String tip) {
        b.append("<circle cx=\"").append(num(p[0])).append("\" cy=\"").append(num(p[1]))
                .append("\" r=\"2.8\" fill=\"").append(Html.escape(s.color())).append("\" stroke=\"none\">")
                .append("<title>").append(Html.escape(tip != null ? tip : s.name())).append("</title></circle>\n");
    }

    /** Legend entries laid out left to right, wrapping: for each, its x and its row. */
    private static List<double[]> layoutLegend(List<Key> legend) {
        List<double[]> at = new ArrayList<>();
        double x = LEFT;
        int row = 0;
        for (Key k : legend) {
            double w = 27 + CHAR_WIDTH * Html.shorten(k.name(), LEGEND_CHARS).length() + 22;
            if (x > LEFT && x + w > WIDTH - RIGHT) {
                x = LEFT;
                row++;
            }
            at.add(new double[] {x, row});
            x += w;
        }
        return at;
    }

    private static String label(double v) {
        String s = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toString();
        return s.replace("E+", "e").replace("E", "e");
    }

    private static double px(Scale xs, double v) {
        return clamp(LEFT + xs.fraction(v) * PLOT_WIDTH);
    }

    private static double py(Scale ys, double v) {
        return clamp(TOP + (1 - ys.fraction(v)) * PLOT_HEIGHT);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(-FAR, Math.min(FAR, v));
    }

    private static String dash(String dash) {
        return dash == null || dash.isBlank() ? "" : " stroke-dasharray=\"" + Html.escape(dash) + "\"";
    }

    /** A pixel coordinate with one decimal, without the cost of String.format. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        long whole = Math.abs(tenths) / 10;
        long frac = Math.abs(tenths) % 10;
        String sign = tenths < 0 ? "-" : "";
        return frac == 0 ? sign + whole : sign + whole + "." + frac;
    }
}
