package org.optsearch.optim;

import java.util.ArrayList;
import java.util.List;
import org.optsearch.exec.ParamLayout;
import org.optsearch.exec.StepReport;

/**
 * Adafactor (Shazeer and Stern 2018) without the relative step size: for a matrix, the second moment
 * is kept as one running mean per row and one per column (their outer product over the mean row
 * statistic estimates it), for other tensors per element; the update {@code g / sqrt(v)} is clipped
 * to an RMS of at most {@code clipThreshold}; optional momentum on the clipped update; decoupled
 * weight decay.
 *
 * <p><b>Why it is not a program.</b> The language's values are flat arrays with elementwise, per-tensor
 * and global functions; a row or column mean needs the tensor's shape, and adding shape-aware
 * reductions to the language would put them into the search space and every executor for one
 * optimizer. So Adafactor is the library's one documented special case, written here in plain Java
 * against the same {@link Optimizer} interface. It reads shapes from {@link ParamLayout.Segment#rows}.
 */
public final class Adafactor implements Optimizer {
    private final double learningRate;
    private final double beta1;
    private final double decayRate;
    private final double epsilon;
    private final double clipThreshold;
    private final double weightDecay;
    private final Schedule schedule;
    private final String identity;

    private Adafactor(Builder b) {
        this.learningRate = b.learningRate;
        this.beta1 = b.beta1;
        this.decayRate = b.decayRate;
        this.epsilon = b.epsilon;
        this.clipThreshold = b.clipThreshold;
        this.weightDecay = b.weightDecay;
        this.schedule = b.schedule;
        this.identity = "adafactor beta1=" + beta1 + " decay_rate=" + decayRate + " eps=" + epsilon
                + " clip=" + clipThreshold + " wd=" + weightDecay + " lr=" + learningRate;
    }

    @Override
    public String name() {
        return "adafactor";
    }

    @Override
    public Schedule schedule() {
        return schedule;
    }

    @Override
    public String identity() {
        return identity;
    }

    /**
     * Slots, in order: for each segment either its row and column statistics (matrices) or one
     * per-element statistic; then, with momentum, one momentum buffer over all parameters.
     */
    @Override
    public OptimizerState newState(ParamLayout layout) {
        List<float[]> slots = new ArrayList<>();
        for (ParamLayout.Segment s : layout.segments()) {
            if (s.isMatrix()) {
                slots.add(new float[s.rows()]);
                slots.add(new float[s.columns()]);
            } else {
                slots.add(new float[s.length()]);
            }
        }
        if (beta1 > 0) {
            slots.add(new float[layout.size()]);
        }
        return new OptimizerState(identity, layout, slots.toArray(float[][]::new), 0);
    }

    @Override
    public StepReport step(float[] w, float[] g, OptimizerState state) {
        state.check(this, w, g);
        float[][] slots = state.slots();
        long t = state.step() + 1;
        double beta2 = 1 - Math.pow(t, -decayRate);
        double lr = learningRate * schedule.at(state.step());
        int maxLength = 0;
        for (ParamLayout.Segment s : state.layout().segments()) {
            maxLength = Math.max(maxLength, s.length());
        }
        if (!(state.work instanceof float[] scratch) || scratch.length < maxLength) {
            state.work = new float[maxLength];
        }
        float[] u = (float[]) state.work;
        float[] momentum = beta1 > 0 ? slots[slots.length - 1] : null;
        long nonFinite = 0;
        int slot = 0;
        for (ParamLayout.Segment s : state.layout().segments()) {
            if (s.isMatrix()) {
                factoredDirection(g, s, slots[slot], slots[slot + 1], beta2, u);
                slot += 2;
            } else {
                perElementDirection(g, s, slots[slot], beta2, u);
                slot += 1;
            }
            clipByRms(u, s.length());
            for (int i = 0; i < s.length(); i++) {
                int at = s.offset() + i;
                double direction = u[i];
                if (momentum != null) {
                    momentum[at] = (float) (beta1 * momentum[at] + (1 - beta1) * direction);
                    direction = momentum[at];
                }
                float next = (float) (w[at] - lr * (direction + weightDecay * w[at]));
                if (!Float.isFinite(next)) {
                    nonFinite++;
                }
                w[at] = next;
            }
        }
        state.advance();
        return nonFinite == 0 ? StepReport.CLEAN : new StepReport(nonFinite);
    }

    /** Updates a matrix's row and column statistics and writes {@code g / sqrt(v_hat)} into {@code u}. */
    private void factoredDirection(float[] g, ParamLayout.Segment s, float[] rowStat, float[] colStat,
                                   double beta2, float[] u) {
        int rows = s.rows();
        int cols = s.columns();
        double[] colSum = new double[cols];
        for (int r = 0; r < rows; r++) {
            double rowSum = 0;
            int base = s.offset() + r * cols;
            for (int c = 0; c < cols; c++) {
                double sq = (double) g[base + c] * g[base + c] + epsilon;
                rowSum += sq;
                colSum[c] += sq;
            }
            rowStat[r] = (float) (beta2 * rowStat[r] + (1 - beta2) * rowSum / cols);
        }
        for (int c = 0; c < cols; c++) {
            colStat[c] = (float) (beta2 * colStat[c] + (1 - beta2) * colSum[c] / rows);
        }
        double rowMean = 0;
        for (float r : rowStat) {
            rowMean += r;
        }
        rowMean /= rows;
        for (int r = 0; r < rows; r++) {
            int base = s.offset() + r * cols;
            double rowFactor = rowStat[r] / rowMean;
            for (int c = 0; c < cols; c++) {
                u[r * cols + c] = (float) (g[base + c] / Math.sqrt(rowFactor * colStat[c]));
            }
        }
    }

    private void perElementDirection(float[] g, ParamLayout.Segment s, float[] v, double beta2, float[] u) {
        for (int i = 0; i < s.length(); i++) {
            double gi = g[s.offset() + i];
            v[i] = (float) (beta2 * v[i] + (1 - beta2) * (gi * gi + epsilon));
            u[i] = (float) (gi / Math.sqrt(v[i]));
        }
    }

    /** Scales {@code u[0..n)} down so that its root mean square is at most the clip threshold. */
    private void clipByRms(float[] u, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) u[i] * u[i];
        }
        double scale = Math.max(1.0, Math.sqrt(sum / n) / clipThreshold);
        if (scale > 1) {
            for (int i = 0; i < n; i++) {
                u[i] = (float) (u[i] / scale);
            }
        }
    }

    /** Adafactor's settings; {@link #setLearningRate} is required. */
    public static final class Builder {
        private double learningRate = Double.NaN;
        private double beta1 = 0;
        private double decayRate = 0.8;
        private double epsilon = 1e-30;
        private double clipThreshold = 1.0;
        private double weightDecay = 0;
        private Schedule schedule = Schedule.constant();

        Builder() {
        }

        public Builder setLearningRate(double value) {
            learningRate = check("learning rate", value, value > 0, "> 0");
            return this;
        }

        /** Momentum on the clipped update, in [0, 1); default 0 (none, as in the paper). */
        public Builder optBeta1(double value) {
            beta1 = check("beta1", value, value >= 0 && value < 1, "in [0, 1)");
            return this;
        }

        /** beta2 at step t is {@code 1 - t^-decayRate}; in (0, 1]; default 0.8. */
        public Builder optDecayRate(double value) {
            decayRate = check("decay rate", value, value > 0 && value <= 1, "in (0, 1]");
            return this;
        }

        /** Added to the squared gradient; > 0; default 1e-30. */
        public Builder optEpsilon(double value) {
            epsilon = check("epsilon", value, value > 0, "> 0");
            return this;
        }

        /** Largest RMS of an update before it is scaled down; > 0; default 1.0. */
        public Builder optClipThreshold(double value) {
            clipThreshold = check("clip threshold", value, value > 0, "> 0");
            return this;
        }

        /** Decoupled weight decay, >= 0; default 0. */
        public Builder optWeightDecay(double value) {
            weightDecay = check("weight decay", value, value >= 0, ">= 0");
            return this;
        }

        public Builder optSchedule(Schedule value) {
            if (value == null) {
                throw new IllegalArgumentException("adafactor: the schedule must not be null");
            }
            schedule = value;
            return this;
        }

        public Adafactor build() {
            if (Double.isNaN(learningRate)) {
                throw new IllegalStateException("adafactor: setLearningRate(...) is required");
            }
            return new Adafactor(this);
        }

        private static double check(String setting, double value, boolean ok, String range) {
            if (!ok || !Double.isFinite(value)) {
                throw new IllegalArgumentException("adafactor: " + setting + " must be finite and " + range
                        + ", got " + value);
            }
            return value;
        }
    }
}
