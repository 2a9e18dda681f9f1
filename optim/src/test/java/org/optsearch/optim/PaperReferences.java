package org.optsearch.optim;

import org.optsearch.exec.ParamLayout;

/**
 * The newer optimizers written out in double from their papers' update equations (and, where a paper
 * leaves a detail open, the authors' code, as docs/library.md says), loop by loop, independently of the
 * programs in {@code programs/}. Each keeps its own state; {@code step} does one update in place with
 * the learning rate already multiplied by the schedule's factor.
 */
final class PaperReferences {
    private PaperReferences() {
    }

    /** One optimizer's update rule in double. */
    interface Reference {
        /** {@code t} counts steps from 1; {@code lr} is the learning rate at this step. */
        void step(double[] w, double[] g, int t, double lr);
    }

    /** torch.optim.NAdam's update (with PyTorch's later fix of mu_product_next) and decoupled weight decay. */
    static Reference nadamw(int n, double b1, double b2, double eps, double wd, double psi) {
        double[] m = new double[n];
        double[] v = new double[n];
        double[] product = {1};
        return (w, g, t, lr) -> {
            double mu = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
            double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
            product[0] *= mu;
            double productNext = product[0] * muNext;
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double d = Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps;
                w[i] -= lr * wd * w[i];
                w[i] -= lr * (1 - mu) / (1 - product[0]) * g[i] / d;
                w[i] -= lr * muNext / (1 - productNext) * m[i] / d;
            }
        };
    }

    /** ADOPT (Taniguchi et al. 2024, Algorithm 1 with the authors' clipping t^(1/4)). */
    static Reference adopt(int n, double b1, double b2, double eps, double wd) {
        double[] m = new double[n];
        double[] v = new double[n];
        return (w, g, t, lr) -> {
            for (int i = 0; i < n; i++) {
                if (t == 1) {
                    v[i] = g[i] * g[i];
                    continue;
                }
                double bound = Math.pow(t, 0.25);
                double x = g[i] / Math.max(Math.sqrt(v[i]), eps);
                x = Math.max(-bound, Math.min(bound, x));
                m[i] = b1 * m[i] + (1 - b1) * x;
                w[i] -= lr * (m[i] + wd * w[i]);
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            }
        };
    }

    /** Adan (Xie et al. 2024, Algorithm 1, with the bias correction and proximal decay of the authors' code). */
    static Reference adan(int n, double b1, double b2, double b3, double eps, double wd) {
        double[] m = new double[n];
        double[] d = new double[n];
        double[] s = new double[n];
        double[] previous = new double[n];
        return (w, g, t, lr) -> {
            for (int i = 0; i < n; i++) {
                double diff = t == 1 ? 0 : g[i] - previous[i];
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                d[i] = b2 * d[i] + (1 - b2) * diff;
                double z = g[i] + b2 * diff;
                s[i] = b3 * s[i] + (1 - b3) * z * z;
                double mh = m[i] / (1 - Math.pow(b1, t));
                double dh = d[i] / (1 - Math.pow(b2, t));
                double denominator = Math.sqrt(s[i] / (1 - Math.pow(b3, t))) + eps;
                w[i] = (w[i] - lr * (mh + b2 * dh) / denominator) / (1 + lr * wd);
                previous[i] = g[i];
            }
        };
    }

    /** AdEMAMix (Pagliardini et al. 2024, Algorithm 1 with its alpha and beta3 schedulers over T steps; T 0: none). */
    static Reference ademamix(int n, double b1, double b2, double b3, double alpha, int warmup, double eps,
            double wd) {
        double[] m1 = new double[n];
        double[] m2 = new double[n];
        double[] nu = new double[n];
        return (w, g, t, lr) -> {
            double a = alpha;
            double beta3 = b3;
            if (warmup > 0) {
                double f = (double) t / warmup;
                a = Math.min(f * alpha, alpha);
                double l1 = Math.log(b1);
                double l3 = Math.log(b3);
                beta3 = Math.min(Math.exp(l1 * l3 / ((1 - f) * l3 + f * l1)), b3);
            }
            for (int i = 0; i < n; i++) {
                m1[i] = b1 * m1[i] + (1 - b1) * g[i];
                m2[i] = beta3 * m2[i] + (1 - beta3) * g[i];
                nu[i] = b2 * nu[i] + (1 - b2) * g[i] * g[i];
                double mh = m1[i] / (1 - Math.pow(b1, t));
                double nh = nu[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * ((mh + a * m2[i]) / (Math.sqrt(nh) + eps) + wd * w[i]);
            }
        };
    }

    /** AdamW with bias correction, as torch.optim.AdamW, optionally cautious (Liang et al. 2024). */
    static Reference adamw(ParamLayout layout, double b1, double b2, double eps, double wd, boolean cautious) {
        int n = layout.size();
        double[] m = new double[n];
        double[] v = new double[n];
        return (w, g, t, lr) -> {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                u[i] = m[i] / (1 - Math.pow(b1, t)) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
            }
            if (cautious) {
                mask(layout, u, g);
            }
            for (int i = 0; i < n; i++) {
                w[i] -= lr * (u[i] + wd * w[i]);
            }
        };
    }

    /** Lion (Chen et al. 2023), optionally cautious (Liang et al. 2024). */
    static Reference lion(ParamLayout layout, double b1, double b2, double wd, boolean cautious) {
        int n = layout.size();
        double[] m = new double[n];
        return (w, g, t, lr) -> {
            double[] u = new double[n];
            for (int i = 0; i < n; i++) {
                u[i] = Math.signum(b1 * m[i] + (1 - b1) * g[i]);
                m[i] = b2 * m[i] + (1 - b2) * g[i];
            }
            if (cautious) {
                mask(layout, u, g);
            }
            for (int i = 0; i < n; i++) {
                w[i] -= lr * (u[i] + wd * w[i]);
            }
        };
    }

    /** The cautious mask: u = 0 where u*g <= 0, and each tensor's u divided by max(kept fraction, 0.001). */
    private static void mask(ParamLayout layout, double[] u, double[] g) {
        for (ParamLayout.Segment s : layout.segments()) {
            int kept = 0;
            for (int i = s.offset(); i < s.end(); i++) {
                if (u[i] * g[i] > 0) {
                    kept++;
                } else {
                    u[i] = 0;
                }
            }
            double scale = 1 / Math.max((double) kept / s.length(), 0.001);
            for (int i = s.offset(); i < s.end(); i++) {
                u[i] *= scale;
            }
        }
    }

    /** MARS-AdamW (Yuan et al. 2024, Algorithm 2, approximate form: the previous step's gradient). */
    static Reference mars(ParamLayout layout, double b1, double b2, double gamma, double eps, double wd) {
        int n = layout.size();
        double[] m = new double[n];
        double[] v = new double[n];
        double[] previous = new double[n];
        return (w, g, t, lr) -> {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = g[i] + gamma * b1 / (1 - b1) * (g[i] - previous[i]);
                previous[i] = g[i];
            }
            for (ParamLayout.Segment s : layout.segments()) {
                double norm = Math.sqrt(sumOfSquares(c, s));
                for (int i = s.offset(); i < s.end(); i++) {
                    c[i] = norm > 1 ? c[i] / norm : c[i];
                }
            }
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * c[i];
                v[i] = b2 * v[i] + (1 - b2) * c[i] * c[i];
                double u = m[i] / (1 - Math.pow(b1, t)) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps);
                w[i] -= lr * (u + wd * w[i]);
            }
        };
    }

    /** LAMB (You et al. 2020, Algorithm 2 with phi the identity): trust ratio |w|/|r| per tensor, 1 if either is 0. */
    static Reference lamb(ParamLayout layout, double b1, double b2, double eps, double wd) {
        int n = layout.size();
        double[] m = new double[n];
        double[] v = new double[n];
        return (w, g, t, lr) -> {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                r[i] = m[i] / (1 - Math.pow(b1, t)) / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps) + wd * w[i];
            }
            for (ParamLayout.Segment s : layout.segments()) {
                double wNorm = Math.sqrt(sumOfSquares(w, s));
                double rNorm = Math.sqrt(sumOfSquares(r, s));
                double trust = wNorm > 0 && rNorm > 0 ? wNorm / rNorm : 1;
                for (int i = s.offset(); i < s.end(); i++) {
                    w[i] -= lr * trust * r[i];
                }
            }
        };
    }

    /**
     * Schedule-Free AdamW (Defazio et al. 2024, Algorithm 1 with the authors' warm-up and weights
     * c = lr_max^2 / sum of lr_max^2). w is y; x, the weights to evaluate, is {@code evaluated}.
     */
    static Reference scheduleFreeAdamw(int n, double b1, double b2, double eps, double wd, int warmup,
            double[] evaluated) {
        double[] z = new double[n];
        double[] v = new double[n];
        double[] sums = {0, 0}; // sum of weights, lr_max
        return (w, g, t, lr) -> {
            if (t == 1) {
                System.arraycopy(w, 0, z, 0, n);
                System.arraycopy(w, 0, evaluated, 0, n);
            }
            double rate = lr * (warmup > 0 ? Math.min(1, (double) t / warmup) : 1);
            sums[1] = Math.max(sums[1], rate);
            double weight = sums[1] * sums[1];
            sums[0] += weight;
            double c = weight / sums[0];
            for (int i = 0; i < n; i++) {
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double u = g[i] / (Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps) + wd * w[i];
                z[i] -= rate * u;
                evaluated[i] = (1 - c) * evaluated[i] + c * z[i];
                w[i] = (1 - b1) * z[i] + b1 * evaluated[i];
            }
        };
    }

    /** Lookahead (Zhang et al. 2019, Algorithm 1) around another reference: every k steps phi += alpha (w - phi), w = phi. */
    static Reference lookahead(int n, Reference inner, int k, double alpha) {
        double[] slow = new double[n];
        return (w, g, t, lr) -> {
            if (t == 1) {
                System.arraycopy(w, 0, slow, 0, n);
            }
            inner.step(w, g, t, lr);
            if (t % k == 0) {
                for (int i = 0; i < n; i++) {
                    slow[i] += alpha * (w[i] - slow[i]);
                    w[i] = slow[i];
                }
            }
        };
    }

    /**
     * Muon (Jordan et al. 2024) on the segments whose role is MATRIX: M = mu M + G, U = NS5(G + mu M) in double,
     * W -= lr (sqrt(max(1, rows/cols)) U + wd W); every other segment steps with {@code rest}, which sees all
     * of w and g but whose result is kept only there.
     */
    static Reference muon(ParamLayout layout, double mu, double wd, Reference rest, double restRate) {
        int n = layout.size();
        double[] m = new double[n];
        return (w, g, t, lr) -> {
            double[] other = w.clone();
            rest.step(other, g, t, restRate * lr / MUON_RATE);
            for (ParamLayout.Segment s : layout.segments()) {
                if (s.role() != ParamLayout.Role.MATRIX) {
                    System.arraycopy(other, s.offset(), w, s.offset(), s.length());
                    continue;
                }
                int rows = s.rows();
                int cols = s.columns();
                double[][] x = new double[rows][cols];
                for (int i = s.offset(); i < s.end(); i++) {
                    m[i] = mu * m[i] + g[i];
                    x[(i - s.offset()) / cols][(i - s.offset()) % cols] = g[i] + mu * m[i];
                }
                double[][] u = newtonSchulz(x);
                double scale = Math.sqrt(Math.max(1, (double) rows / cols));
                for (int i = s.offset(); i < s.end(); i++) {
                    w[i] -= lr * (scale * u[(i - s.offset()) / cols][(i - s.offset()) % cols] + wd * w[i]);
                }
            }
        };
    }

    /** The Muon learning rate the tests use; the rest's rate is scaled by the same schedule factor. */
    static final double MUON_RATE = 0.02;

    /** Keller Jordan's quintic Newton-Schulz, five steps, in double. */
    static double[][] newtonSchulz(double[][] g) {
        boolean tall = g.length > g[0].length;
        double[][] x = tall ? transpose(g) : g;
        double norm = 0;
        for (double[] row : x) {
            for (double v : row) {
                norm += v * v;
            }
        }
        x = scale(x, 1 / (Math.sqrt(norm) + 1e-7));
        for (int k = 0; k < 5; k++) {
            double[][] a = times(x, transpose(x));
            double[][] b = add(scale(a, -4.7750), scale(times(a, a), 2.0315));
            x = add(scale(x, 3.4445), times(b, x));
        }
        return tall ? transpose(x) : x;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double[][] scale(double[][] a, double f) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] * f;
            }
        }
        return c;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] c = new double[a.length][a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                c[i][j] = a[i][j] + b[i][j];
            }
        }
        return c;
    }

    static double sumOfSquares(double[] a, ParamLayout.Segment s) {
        double sum = 0;
        for (int i = s.offset(); i < s.end(); i++) {
            sum += a[i] * a[i];
        }
        return sum;
    }
}
