package org.optsearch.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.optsearch.train.run.TrainResult;
import org.optsearch.train.run.Trainer;

/**
 * Training progress on stderr: a live bar on a terminal; on anything else (logs, CI) one line per
 * validation point, so output stays readable. Silent when turned off.
 */
final class Progress implements Trainer.Listener, AutoCloseable {
    private final ProgressBar bar;
    private final PrintWriter err;
    private final boolean on;

    private Progress(PrintWriter err, ProgressBar bar, boolean on) {
        this.err = err;
        this.bar = bar;
        this.on = on;
    }

    static Progress start(PrintWriter err, String label, int steps, boolean on) {
        ProgressBar bar = on && System.console() != null ? new ProgressBarBuilder().setTaskName(label)
                .setInitialMax(steps).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .showSpeed().build() : null;
        return new Progress(err, bar, on);
    }

    @Override
    public void step(int step, int steps, double loss) {
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
        }
    }

    @Override
    public void evaluated(TrainResult.Point p) {
        if (on && bar == null) {
            err.printf(Locale.ROOT, "  step %d: train loss %.4f, val loss %.4f%s%n", p.step(), p.trainLoss(),
                    p.valLoss(), Double.isNaN(p.valAccuracy()) ? ""
                            : String.format(Locale.ROOT, ", val acc %.2f%%", 100 * p.valAccuracy()));
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
