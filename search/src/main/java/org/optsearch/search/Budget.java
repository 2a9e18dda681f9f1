package org.optsearch.search;

import java.time.Duration;
import java.util.Locale;

/**
 * How much a search may spend: wall-clock time, or a number of stage-A evaluations (trainings of new
 * programs; cache hits are free).
 *
 * @param time        the time limit, or null
 * @param evaluations the evaluation limit, or 0
 */
public record Budget(Duration time, long evaluations) {

    public Budget {
        if ((time == null) == (evaluations <= 0)) {
            throw new IllegalArgumentException("a budget is either a time or a number of evaluations");
        }
    }

    /**
     * {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, or {@code N-evals} ({@code 500-evals}).
     *
     * @throws IllegalArgumentException with the accepted forms
     */
    public static Budget parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("-evals")) {
                long n = Long.parseLong(t.substring(0, t.length() - "-evals".length()));
                if (n > 0) {
                    return new Budget(null, n);
                }
            } else if (t.length() > 1) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    case 'd' -> Duration.ofDays(n);
                    default -> null;
                };
                if (d != null && n > 0) {
                    return new Budget(d, 0);
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("budget '" + text + "' is not one of 90s, 10m, 2h, 1d or N-evals "
                + "(e.g. 500-evals), with a positive number");
    }

    @Override
    public String toString() {
        return time != null ? format(time) : evaluations + "-evals";
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s % 86400 == 0 ? s / 86400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
