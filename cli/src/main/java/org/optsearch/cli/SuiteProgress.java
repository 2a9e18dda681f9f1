package org.optsearch.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of many trainings on stderr: one line rewritten in place on a terminal, else a line at every
 * tenth of the work. Shows trainings done of all, elapsed time and a linear estimate of the time left.
 */
final class SuiteProgress {
    private final PrintWriter err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int lastTenth = -1;
    private String lastPhase = "";

    SuiteProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static SuiteProgress forConsole(PrintWriter err) {
        return new SuiteProgress(err, System.console() != null);
    }

    synchronized void update(String phase, int done, int total) {
        if (!phase.equals(lastPhase)) {
            lastPhase = phase;
            lastTenth = -1;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        String line = String.format(Locale.ROOT, "%s: %d/%d trainings, %s elapsed", phase, done, total, clock(elapsed));
        if (terminal) {
            err.print("\r" + line + "   ");
            if (done == total) {
                err.println();
            }
        } else {
            int tenth = (int) (10L * done / total);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.println(line);
            }
        }
        err.flush();
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
