package org.optsearch.report;

import java.util.Locale;

/** Numbers as the report prints them: fitness to four places, counts with thousands separators, durations. */
final class Format {
    private Format() {
    }

    /** A fitness: "-" when not evaluated (NaN), "failed" for negative infinity. */
    static String fitness(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "failed";
        }
        if (Double.isInfinite(v)) {
            return "+inf";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', '\u2009');
    }

    /** A share 0..1 as a percentage with one decimal; "-" when not a number. */
    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "-";
    }

    static String decimal(double v, int places) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + places + "f", v) : "-";
    }

    /** A duration in seconds as "42 s", "3 min 20 s" or "2 h 05 min". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "-";
        }
        long s = Math.round(seconds);
        if (s < 120) {
            return seconds < 10 ? String.format(Locale.ROOT, "%.1f s", seconds) : s + " s";
        }
        if (s < 2 * 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
