package org.optsearch.optim;

/**
 * Sharpness-aware minimization (Foret et al. 2021) as a gradient wrapper around any optimizer: the
 * gradient handed to the optimizer is taken at {@code w + rho * g / |g|}, the worst point nearby.
 * It costs a second forward and backward pass per step.
 *
 * <p>LookSAM (Liu et al. 2022) makes that second pass only every {@code k} steps: there it keeps the
 * part of the SAM gradient orthogonal to the plain gradient, and in between adds it back, scaled to
 * {@code alpha * |g|}, to the plain gradient. {@code k = 1} is SAM.
 *
 * <p>Holds scratch buffers: one per training, not shared between threads.
 */
public final class Sam {
    /** Computes the mean loss at {@code w} and writes its gradient into {@code grad}, on one fixed batch. */
    @FunctionalInterface
    public interface Objective {
        double lossAndGradient(float[] w, float[] grad);
    }

    private final double rho;
    private final int every;
    private final double alpha;
    private float[] perturbed = new float[0];
    private float[] samGradient = new float[0];
    private float[] orthogonal = new float[0];
    private double orthogonalNorm;
    private long steps;

    /**
     * @param rho   radius of the neighbourhood, > 0 (0.05 is the paper's usual value)
     * @param every LookSAM's period k, >= 1 (1 = SAM at every step)
     * @param alpha LookSAM's weight of the reused direction, > 0 (the paper uses 0.7)
     */
    public Sam(double rho, int every, double alpha) {
        if (!(rho > 0) || !Double.isFinite(rho)) {
            throw new IllegalArgumentException("SAM's rho must be finite and > 0, got " + rho);
        }
        if (every < 1) {
            throw new IllegalArgumentException("LookSAM's period must be >= 1 step, got " + every);
        }
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("LookSAM's alpha must be finite and > 0, got " + alpha);
        }
        this.rho = rho;
        this.every = every;
        this.alpha = alpha;
    }

    /** SAM at every step. */
    public static Sam sam(double rho) {
        return new Sam(rho, 1, 0.7);
    }

    /** LookSAM with period {@code every} and alpha 0.7. */
    public static Sam lookSam(double rho, int every) {
        return new Sam(rho, every, 0.7);
    }

    /**
     * Writes the gradient for this step into {@code grad} and returns the loss at {@code w} (not at the
     * perturbed point). {@code w} is left unchanged.
     */
    public double gradient(float[] w, Objective objective, float[] grad) {
        int n = w.length;
        if (perturbed.length != n) {
            perturbed = new float[n];
            samGradient = new float[n];
            orthogonal = new float[n];
        }
        double loss = objective.lossAndGradient(w, grad);
        double gradNorm = Math.sqrt(dot(grad, grad));
        boolean fresh = steps % every == 0;
        steps++;
        if (fresh) {
            double scale = rho / (gradNorm + 1e-12);
            for (int i = 0; i < n; i++) {
                perturbed[i] = (float) (w[i] + scale * grad[i]);
            }
            objective.lossAndGradient(perturbed, samGradient);
            if (every > 1) {
                keepOrthogonalPart(grad, gradNorm);
            }
            System.arraycopy(samGradient, 0, grad, 0, n);
        } else if (orthogonalNorm > 0) {
            double scale = alpha * gradNorm / orthogonalNorm;
            for (int i = 0; i < n; i++) {
                grad[i] = (float) (grad[i] + scale * orthogonal[i]);
            }
        }
        return loss;
    }

    /** {@code orthogonal = g_sam - (g_sam . g / |g|^2) g}, the part of the SAM gradient LookSAM reuses. */
    private void keepOrthogonalPart(float[] grad, double gradNorm) {
        double projection = gradNorm > 0 ? dot(samGradient, grad) / (gradNorm * gradNorm) : 0;
        for (int i = 0; i < grad.length; i++) {
            orthogonal[i] = (float) (samGradient[i] - projection * grad[i]);
        }
        orthogonalNorm = Math.sqrt(dot(orthogonal, orthogonal));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    @Override
    public String toString() {
        return every == 1 ? "SAM rho=" + rho : "LookSAM rho=" + rho + " every=" + every + " alpha=" + alpha;
    }
}
