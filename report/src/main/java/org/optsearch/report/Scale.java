package org.optsearch.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One axis of a chart: its range, where a value falls on it, and its ticks with their labels. Linear axes
 * use "nice" steps (1, 2 or 5 times a power of ten); log axes use decades, with 2 and 5 in between when the
 * range is short. All arithmetic avoids overflow, so any finite range works, even -1e308 to 1e308.
 *
 * @param lo    the low end of the axis
 * @param hi    the high end, above {@code lo}
 * @param log   whether the axis is logarithmic ({@code lo > 0} then)
 * @param ticks the tick values, ascending, all within [lo, hi]
 * @param labels the tick labels, one per tick
 */
record Scale(double lo, double hi, boolean log, double[] ticks, List<String> labels) {

    private static final int MAX_TICKS = 12;

    /** A linear axis covering [min, max] (finite, min <= max) with about {@code target} ticks. */
    static Scale linear(double min, double max, int target) {
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        double step = niceStep(max / target - min / target);
        double lo = Math.max(-Double.MAX_VALUE, Math.floor(min / step) * step);
        double hi = Math.min(Double.MAX_VALUE, Math.ceil(max / step) * step);
        List<Double> ticks = new ArrayList<>();
        for (double k = Math.ceil(lo / step); ticks.size() <= MAX_TICKS * 2; k++) {
            double t = k * step;
            if (t > hi || Double.isInfinite(t)) {
                break;
            }
            ticks.add(t == 0 ? 0.0 : t);
        }
        double[] values = ticks.stream().mapToDouble(Double::doubleValue).toArray();
        List<String> labels = new ArrayList<>();
        boolean scientific = Math.max(Math.abs(lo), Math.abs(hi)) >= 1e6 || step < 1e-4;
        for (double t : values) {
            labels.add(scientific ? scientific(t, step) : fixed(t, step));
        }
        return new Scale(lo, hi, false, values, List.copyOf(labels));
    }

    /** A log axis covering [min, max] (0 < min <= max, both finite), from decade to decade. */
    static Scale log(double min, double max) {
        int loExp = Math.max(-307, (int) Math.floor(Math.log10(min)));
        int hiExp = Math.min(308, (int) Math.ceil(Math.log10(max)));
        if (hiExp <= loExp) {
            hiExp = loExp + 1;
        }
        int decades = hiExp - loExp;
        int every = Math.max(1, (int) Math.ceil(decades / 8.0));
        List<Double> ticks = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int e = loExp; e <= hiExp; e++) {
            if ((e - loExp) % every != 0 && e != hiExp) {
                continue;
            }
            ticks.add(Math.pow(10, e));
            labels.add(power(e, 1));
            if (decades <= 2 && e < hiExp) {
                for (int m : new int[] {2, 5}) {
                    ticks.add(m * Math.pow(10, e));
                    labels.add(power(e, m));
                }
            }
        }
        double[] values = ticks.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        List<String> sortedLabels = new ArrayList<>();
        for (double v : values) {
            sortedLabels.add(labels.get(ticks.indexOf(v)));
        }
        return new Scale(Math.pow(10, loExp), Math.pow(10, hiExp), true, values, List.copyOf(sortedLabels));
    }

    /** Where {@code v} falls: 0 at {@code lo}, 1 at {@code hi}, outside [0, 1] beyond them. */
    double fraction(double v) {
        if (log) {
            double a = Math.log10(lo);
            return (Math.log10(v) - a) / (Math.log10(hi) - a);
        }
        return (v / 2 - lo / 2) / (hi / 2 - lo / 2);
    }

    /** Whether the value can be placed on this axis at all (finite, and positive on a log axis). */
    boolean accepts(double v) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double exp = Math.floor(Math.log10(raw));
        double f = raw / Math.pow(10, exp);
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        double step = nice * Math.pow(10, exp);
        return step > 0 && Double.isFinite(step) ? step : raw;
    }

    private static String fixed(double t, double step) {
        int places = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String s = String.format(Locale.ROOT, "%." + places + "f", t);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    private static String scientific(double t, double step) {
        if (t == 0) {
            return "0";
        }
        int digits = (int) (Math.floor(Math.log10(Math.abs(t))) - Math.floor(Math.log10(step))) + 1;
        BigDecimal d = new BigDecimal(t).round(new MathContext(Math.max(1, Math.min(digits, 15))));
        String s = d.stripTrailingZeros().toString();
        return s.contains("E") ? s.replace("E+", "e").replace("E", "e") : s;
    }

    private static String power(int exp, int mantissa) {
        if (exp >= -3 && exp <= 4) {
            return new BigDecimal(mantissa).scaleByPowerOfTen(exp).stripTrailingZeros().toPlainString();
        }
        return mantissa + "e" + exp;
    }
}
