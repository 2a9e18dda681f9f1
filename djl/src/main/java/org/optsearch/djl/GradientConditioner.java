package org.optsearch.djl;

/**
 * DJL's gradient conventions, from {@code OptimizerBuilder}: the gradient is multiplied by
 * {@code rescaleGrad} (default 1), then clipped to {@code [-clipGrad, clipGrad]} unless {@code clipGrad}
 * is negative (the default -1: no clipping). Applied to the copied gradient before our optimizer sees it.
 *
 * <p>DJL's PyTorch kernels clamp only from above ({@code clamp_max}); we follow the documented two-sided
 * clip.
 */
record GradientConditioner(float rescale, float clip) {

    GradientConditioner {
        if (!Float.isFinite(rescale) || !Float.isFinite(clip)) {
            throw new IllegalArgumentException("rescaleGrad and clipGrad must be finite, got " + rescale + " and "
                    + clip);
        }
    }

    /** Whether {@link #apply} changes anything; if not, the gradient is used as copied. */
    boolean active() {
        return rescale != 1f || clip >= 0f;
    }

    void apply(float[] g) {
        if (!active()) {
            return;
        }
        boolean clipping = clip >= 0f;
        for (int i = 0; i < g.length; i++) {
            float v = g[i] * rescale;
            g[i] = clipping ? Math.max(-clip, Math.min(clip, v)) : v;
        }
    }
}
