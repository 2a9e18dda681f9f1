package org.optsearch.optim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * The library's optimizers. Each one except Adafactor is a program of the language ({@code programs/}
 * in the source tree, packaged in this jar), run by the fused executor; the builders only set its
 * hyperparameters and pick between variants.
 *
 * <pre>{@code
 * Optimizer lion = Optimizers.lion().setLearningRate(1e-4).optWeightDecay(1.0)
 *         .optSchedule(Schedule.warmupCosine(100, 10_000)).build();
 * Optimizer found = Optimizers.fromProgram(Path.of("best.opt")).build();
 * }</pre>
 */
public final class Optimizers {

    /** Largest program file {@link #fromProgram(Path)} reads: 16 MiB, far above any optimizer program. */
    public static final int MAX_PROGRAM_BYTES = 16 << 20;

    private Optimizers() {
    }

    /** Lion (Chen et al. 2023). Defaults: beta1 0.9, beta2 0.99, weight decay 1.0. */
    public static LionBuilder lion() {
        return new LionBuilder();
    }

    /**
     * AdamW with epsilon, without bias correction (see {@code programs/adamw_eps.opt}) unless
     * {@code optBiasCorrection(true)} ({@code adamw_bc.opt}). Defaults: beta1 0.9, beta2 0.999, epsilon
     * 1e-8, weight decay 0.01.
     */
    public static AdamWBuilder adamw() {
        return new AdamWBuilder();
    }

    /** SGD; with {@code optMomentum} heavy-ball momentum, with {@code optNesterov} Nesterov's. */
    public static SgdBuilder sgd() {
        return new SgdBuilder();
    }

    /** Signum (Bernstein et al. 2018): the sign of the momentum. Default momentum 0.9. */
    public static SignumBuilder signum() {
        return new SignumBuilder();
    }

    /** Adagrad (Duchi et al. 2011). Default epsilon 1e-10. */
    public static AdagradBuilder adagrad() {
        return new AdagradBuilder();
    }

    /** RMSprop (Tieleman and Hinton 2012). Defaults: rho 0.99, epsilon 1e-8. */
    public static RmspropBuilder rmsprop() {
        return new RmspropBuilder();
    }

    /** NAdamW: torch.optim.NAdam's update (Dozat 2016) with decoupled weight decay. */
    public static AdamFamily.NAdamWBuilder nadamw() {
        return new AdamFamily.NAdamWBuilder();
    }

    /** ADOPT (Taniguchi et al. 2024). Defaults: beta1 0.9, beta2 0.9999, epsilon 1e-6, weight decay 0. */
    public static AdamFamily.AdoptBuilder adopt() {
        return new AdamFamily.AdoptBuilder();
    }

    /** Adan (Xie et al. 2024). Defaults: betas 0.98, 0.92, 0.99, epsilon 1e-8, weight decay 0.02 (proximal). */
    public static AdamFamily.AdanBuilder adan() {
        return new AdamFamily.AdanBuilder();
    }

    /** AdEMAMix (Pagliardini et al. 2024). Defaults: betas 0.9, 0.999, 0.9999, alpha 5, no warm-up. */
    public static AdamFamily.AdEMAMixBuilder ademamix() {
        return new AdamFamily.AdEMAMixBuilder();
    }

    /** Cautious AdamW (Liang et al. 2024): AdamW with bias correction, masked where it disagrees with g. */
    public static AdamFamily.CautiousAdamWBuilder cautiousAdamw() {
        return new AdamFamily.CautiousAdamWBuilder();
    }

    /** Cautious Lion (Liang et al. 2024): Lion masked where its update disagrees with g. */
    public static CautiousLionBuilder cautiousLion() {
        return new CautiousLionBuilder();
    }

    /** MARS-AdamW (Yuan et al. 2024), approximate form. Defaults: betas 0.95, 0.99, gamma 0.025, weight decay 0. */
    public static AdamFamily.MarsBuilder mars() {
        return new AdamFamily.MarsBuilder();
    }

    /** LAMB (You et al. 2020). Defaults: betas 0.9, 0.999, epsilon 1e-6, weight decay 0.01. */
    public static AdamFamily.LambBuilder lamb() {
        return new AdamFamily.LambBuilder();
    }

    /** Schedule-Free AdamW (Defazio et al. 2024). Defaults: beta1 0.9, beta2 0.999, weight decay 0, no warm-up. */
    public static AdamFamily.ScheduleFreeAdamWBuilder scheduleFreeAdamw() {
        return new AdamFamily.ScheduleFreeAdamWBuilder();
    }

    /**
     * Muon (Jordan et al. 2024) for the hidden matrices and AdamW with bias correction for the rest, routed
     * by the parameters' roles. Defaults: momentum 0.95 (Nesterov), AdamW learning rate 3e-4.
     */
    public static MuonBuilder muon() {
        return new MuonBuilder();
    }

    /** Lookahead (Zhang et al. 2019) around a library optimizer or any program's builder. */
    public static Lookahead.Builder lookahead(ProgramOptimizerBuilder<?> inner) {
        return new Lookahead.Builder(inner);
    }

    /**
     * Muon's split: the hidden matrices ({@link org.optsearch.exec.ParamLayout.Role#MATRIX}) to
     * {@code matrices}, everything else (embeddings, the output head, 1-D parameters) to {@code rest}.
     */
    public static RoutedOptimizer routed(Optimizer matrices, Optimizer rest) {
        return routing().route(org.optsearch.exec.ParamLayout.Role.MATRIX, matrices)
                .route(java.util.EnumSet.complementOf(java.util.EnumSet.of(org.optsearch.exec.ParamLayout.Role.MATRIX)), rest)
                .build();
    }

    /** A routing built role by role: {@code routing().route(Role.MATRIX, muon).route(..., adamw).build()}. */
    public static RoutedOptimizer.Builder routing() {
        return new RoutedOptimizer.Builder();
    }

    /** Adafactor (Shazeer and Stern 2018), the library's one optimizer that is not a program. */
    public static Adafactor.Builder adafactor() {
        return new Adafactor.Builder();
    }

    /**
     * Any valid program, such as one the search found. Its hyperparameters keep their defaults unless
     * set; {@code setLearningRate} works when it declares {@code lr_scale}.
     *
     * @throws org.optsearch.lang.ProgramException with the position of the first error
     */
    public static ProgramOptimizerBuilder.Any fromProgram(String text) {
        return fromProgram("program", text);
    }

    /**
     * {@link #fromProgram(String)} of a file's text (strict UTF-8); the optimizer is named after the
     * file. A file of more than {@link #MAX_PROGRAM_BYTES} is refused while reading, so a device
     * such as {@code /dev/zero} or a pipe stops with an {@code IOException} rather than filling memory.
     */
    public static ProgramOptimizerBuilder.Any fromProgram(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.opt$", "");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PROGRAM_BYTES + 1);
        }
        if (bytes.length > MAX_PROGRAM_BYTES) {
            throw new IOException(file + ": file is too large to be a program (more than " + MAX_PROGRAM_BYTES
                    + " bytes; the limit is " + MAX_PROGRAM_BYTES + ")");
        }
        return fromProgram(name, StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
    }

    /** {@link #fromProgram(String)} with a name for messages and saved states. */
    public static ProgramOptimizerBuilder.Any fromProgram(String name, String text) {
        Program program = Program.parse(text);
        Analysis.of(program).requireValid();
        return new ProgramOptimizerBuilder.Any(name, program);
    }

    /** A program shipped with the library, by file name without {@code .opt} (e.g. {@code lion}). */
    public static Program shipped(String name) {
        try (InputStream in = Optimizers.class.getResourceAsStream("programs/" + name + ".opt")) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped program '" + name + "'");
            }
            return Program.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped program " + name, e);
        }
    }

    /** Lion's settings. */
    public static final class LionBuilder extends ProgramOptimizerBuilder<LionBuilder> {
        LionBuilder() {
            super("lion", shipped("lion"), true);
        }

        /** Interpolation factor of the update direction, in [0, 1); default 0.9. */
        public LionBuilder optBeta1(double beta1) {
            return put("beta1", fraction("beta1", beta1));
        }

        /** Decay of the momentum, in [0, 1); default 0.99. */
        public LionBuilder optBeta2(double beta2) {
            return put("beta2", fraction("beta2", beta2));
        }

        /** Decoupled weight decay, >= 0; default 1.0 (it is multiplied by the learning rate). */
        public LionBuilder optWeightDecay(double weightDecay) {
            return put("wd", nonNegative("weight decay", weightDecay));
        }
    }

    /** AdamW's settings. */
    public static final class AdamWBuilder extends ProgramOptimizerBuilder<AdamWBuilder> {
        private boolean biasCorrection;

        AdamWBuilder() {
            super("adamw", shipped("adamw_eps"), true);
        }

        /** Bias correction of both moments, as torch.optim.AdamW ({@code adamw_bc.opt}); default false. */
        public AdamWBuilder optBiasCorrection(boolean value) {
            this.biasCorrection = value;
            return this;
        }

        @Override
        protected Program programToRun() {
            return biasCorrection ? shipped("adamw_bc") : super.programToRun();
        }

        public AdamWBuilder optBeta1(double beta1) {
            return put("beta1", fraction("beta1", beta1));
        }

        public AdamWBuilder optBeta2(double beta2) {
            return put("beta2", fraction("beta2", beta2));
        }

        public AdamWBuilder optEpsilon(double epsilon) {
            return put("eps", positive("epsilon", epsilon));
        }

        /** Decoupled weight decay, >= 0; default 0.01 (it is multiplied by the learning rate). */
        public AdamWBuilder optWeightDecay(double weightDecay) {
            return put("wd", nonNegative("weight decay", weightDecay));
        }
    }

    /** SGD's settings: momentum 0 runs {@code sgd.opt}, else {@code sgd_momentum} or {@code sgd_nesterov}. */
    public static final class SgdBuilder extends ProgramOptimizerBuilder<SgdBuilder> {
        private double momentum;
        private boolean nesterov;

        SgdBuilder() {
            super("sgd", shipped("sgd"), true);
        }

        /** Momentum in [0, 1); default 0 (plain SGD). */
        public SgdBuilder optMomentum(double value) {
            this.momentum = fraction("momentum", value);
            return this;
        }

        /** Nesterov momentum instead of heavy ball; needs a momentum > 0. Default false. */
        public SgdBuilder optNesterov(boolean value) {
            this.nesterov = value;
            return this;
        }

        @Override
        protected Program programToRun() {
            if (nesterov && momentum == 0) {
                throw new IllegalStateException("sgd: Nesterov momentum needs optMomentum(...) > 0");
            }
            if (momentum == 0) {
                return super.programToRun();
            }
            Program program = shipped(nesterov ? "sgd_nesterov" : "sgd_momentum");
            return program.withHyperparameters(java.util.Map.of("momentum", momentum));
        }
    }

    /** Cautious Lion's settings: Lion's. */
    public static final class CautiousLionBuilder extends ProgramOptimizerBuilder<CautiousLionBuilder> {
        CautiousLionBuilder() {
            super("cautious_lion", shipped("cautious_lion"), true);
        }

        public CautiousLionBuilder optBeta1(double beta1) {
            return put("beta1", fraction("beta1", beta1));
        }

        public CautiousLionBuilder optBeta2(double beta2) {
            return put("beta2", fraction("beta2", beta2));
        }

        public CautiousLionBuilder optWeightDecay(double weightDecay) {
            return put("wd", nonNegative("weight decay", weightDecay));
        }
    }

    /** Signum's settings. */
    public static final class SignumBuilder extends ProgramOptimizerBuilder<SignumBuilder> {
        SignumBuilder() {
            super("signum", shipped("signum"), true);
        }

        /** Momentum in [0, 1); default 0.9. */
        public SignumBuilder optMomentum(double momentum) {
            return put("beta", fraction("momentum", momentum));
        }
    }

    /** Adagrad's settings. */
    public static final class AdagradBuilder extends ProgramOptimizerBuilder<AdagradBuilder> {
        AdagradBuilder() {
            super("adagrad", shipped("adagrad"), true);
        }

        public AdagradBuilder optEpsilon(double epsilon) {
            return put("eps", positive("epsilon", epsilon));
        }
    }

    /** RMSprop's settings. */
    public static final class RmspropBuilder extends ProgramOptimizerBuilder<RmspropBuilder> {
        RmspropBuilder() {
            super("rmsprop", shipped("rmsprop"), true);
        }

        /** Decay of the squared-gradient average, in [0, 1); default 0.99. */
        public RmspropBuilder optRho(double rho) {
            return put("rho", fraction("rho", rho));
        }

        public RmspropBuilder optEpsilon(double epsilon) {
            return put("eps", positive("epsilon", epsilon));
        }
    }
}
