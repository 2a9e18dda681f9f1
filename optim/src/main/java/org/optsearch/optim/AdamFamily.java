package org.optsearch.optim;

import org.optsearch.lang.Program;

/**
 * Builders of the library's Adam-like optimizers newer than AdamW, each a program in {@code programs/}
 * (see docs/library.md for the papers). Make them with {@link Optimizers}: {@code Optimizers.nadamw()},
 * {@code Optimizers.lamb()}, ...
 */
public final class AdamFamily {
    private AdamFamily() {
    }

    /**
     * The settings every Adam-like program here declares: {@code beta1}, {@code beta2}, {@code eps},
     * {@code wd}. Values are checked when set; the message names the optimizer, the setting and the value.
     *
     * @param <B> the concrete builder
     */
    public abstract static class AdamLike<B extends AdamLike<B>> extends ProgramOptimizerBuilder<B> {
        AdamLike(String name, Program program) {
            super(name, program, true);
        }

        /** Decay of the first moment (momentum), in [0, 1). */
        public B optBeta1(double beta1) {
            return put("beta1", fraction("beta1", beta1));
        }

        /** Decay of the second moment, in [0, 1). */
        public B optBeta2(double beta2) {
            return put("beta2", fraction("beta2", beta2));
        }

        /** Added to the root of the second moment (ADOPT: its floor), finite and > 0. */
        public B optEpsilon(double epsilon) {
            return put("eps", positive("epsilon", epsilon));
        }

        /** Decoupled weight decay, >= 0 (it is multiplied by the learning rate). */
        public B optWeightDecay(double weightDecay) {
            return put("wd", nonNegative("weight decay", weightDecay));
        }

        /** A number of steps: a whole number >= 0. */
        protected final double steps(String setting, double value) {
            if (!(value >= 0) || value != Math.rint(value) || value > 1e9) {
                throw new IllegalArgumentException(name() + ": " + setting
                        + " must be a whole number of steps in [0, 1e9], got " + value);
            }
            return value;
        }
    }

    /** NAdamW: {@code programs/nadamw.opt}. */
    public static final class NAdamWBuilder extends AdamLike<NAdamWBuilder> {
        NAdamWBuilder() {
            super("nadamw", Optimizers.shipped("nadamw"));
        }

        /** PyTorch's momentum_decay psi in mu_t = beta1 (1 - 0.5 * 0.96^(t psi)), >= 0; default 0.004. */
        public NAdamWBuilder optMomentumDecay(double psi) {
            return put("psi", nonNegative("momentum decay", psi));
        }
    }

    /** ADOPT: {@code programs/adopt.opt}. */
    public static final class AdoptBuilder extends AdamLike<AdoptBuilder> {
        AdoptBuilder() {
            super("adopt", Optimizers.shipped("adopt"));
        }
    }

    /** Adan: {@code programs/adan.opt}; its betas weigh the old value, as in the authors' code. */
    public static final class AdanBuilder extends AdamLike<AdanBuilder> {
        AdanBuilder() {
            super("adan", Optimizers.shipped("adan"));
        }

        /** Decay of the average of the gradient differences, in [0, 1); default 0.92. */
        @Override
        public AdanBuilder optBeta2(double beta2) {
            return super.optBeta2(beta2);
        }

        /** Decay of the second moment of g + beta2 (g - g_prev), in [0, 1); default 0.99. */
        public AdanBuilder optBeta3(double beta3) {
            return put("beta3", fraction("beta3", beta3));
        }
    }

    /** AdEMAMix: {@code programs/ademamix.opt}. */
    public static final class AdEMAMixBuilder extends AdamLike<AdEMAMixBuilder> {
        AdEMAMixBuilder() {
            super("ademamix", Optimizers.shipped("ademamix"));
        }

        /** Decay of the slow momentum, in [0, 1); default 0.9999. */
        public AdEMAMixBuilder optBeta3(double beta3) {
            return put("beta3", fraction("beta3", beta3));
        }

        /** Weight of the slow momentum, >= 0; default 5. */
        public AdEMAMixBuilder optAlpha(double alpha) {
            return put("alpha", nonNegative("alpha", alpha));
        }

        /** Steps over which alpha and beta3 rise to their values (the paper's T_alpha = T_beta3); default 0: none. */
        public AdEMAMixBuilder optWarmup(long steps) {
            return put("warmup", steps("warmup", steps));
        }
    }

    /** Cautious AdamW: {@code programs/cautious_adamw.opt}. */
    public static final class CautiousAdamWBuilder extends AdamLike<CautiousAdamWBuilder> {
        CautiousAdamWBuilder() {
            super("cautious_adamw", Optimizers.shipped("cautious_adamw"));
        }
    }

    /** MARS-AdamW: {@code programs/mars_adamw.opt}. */
    public static final class MarsBuilder extends AdamLike<MarsBuilder> {
        MarsBuilder() {
            super("mars_adamw", Optimizers.shipped("mars_adamw"));
        }

        /** Strength of the variance reduction, >= 0; default 0.025 (0 is AdamW on the clipped gradient). */
        public MarsBuilder optGamma(double gamma) {
            return put("gamma", nonNegative("gamma", gamma));
        }
    }

    /** LAMB: {@code programs/lamb.opt}. */
    public static final class LambBuilder extends AdamLike<LambBuilder> {
        LambBuilder() {
            super("lamb", Optimizers.shipped("lamb"));
        }
    }

    /** Schedule-Free AdamW: {@code programs/schedule_free_adamw.opt}; beta1 is the interpolation of y. */
    public static final class ScheduleFreeAdamWBuilder extends AdamLike<ScheduleFreeAdamWBuilder> {
        ScheduleFreeAdamWBuilder() {
            super("schedule_free_adamw", Optimizers.shipped("schedule_free_adamw"));
        }

        /** Linear warm-up of the learning rate over this many steps; default 0: none. */
        public ScheduleFreeAdamWBuilder optWarmup(long steps) {
            return put("warmup", steps("warmup", steps));
        }
    }
}
