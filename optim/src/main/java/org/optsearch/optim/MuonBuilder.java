package org.optsearch.optim;

/**
 * Muon's settings (Jordan et al. 2024): {@code programs/muon.opt} for the hidden matrices, routed with
 * {@link Optimizers#routed}; embeddings, the output head and 1-D parameters go to AdamW with bias
 * correction ({@code programs/adamw_bc.opt}). The schedule applies to both.
 *
 * <pre>{@code
 * Optimizer muon = Optimizers.muon().setLearningRate(0.02).optAdamWLearningRate(3e-4).build();
 * }</pre>
 */
public final class MuonBuilder extends ProgramOptimizerBuilder<MuonBuilder> {
    private double adamwLearningRate = 3e-4;
    private double adamwWeightDecay = 0;

    MuonBuilder() {
        super("muon", Optimizers.shipped("muon"), true);
    }

    /** Momentum of the matrices' update, in [0, 1); default 0.95. */
    public MuonBuilder optMomentum(double momentum) {
        return put("mu", fraction("momentum", momentum));
    }

    /** Decoupled weight decay of the matrices, >= 0; default 0 (it is multiplied by the learning rate). */
    public MuonBuilder optWeightDecay(double weightDecay) {
        return put("wd", nonNegative("weight decay", weightDecay));
    }

    /** AdamW's learning rate for the parameters that are not hidden matrices, > 0; default 3e-4. */
    public MuonBuilder optAdamWLearningRate(double learningRate) {
        this.adamwLearningRate = positive("AdamW learning rate", learningRate);
        return this;
    }

    /** AdamW's decoupled weight decay for the other parameters, >= 0; default 0. */
    public MuonBuilder optAdamWWeightDecay(double weightDecay) {
        this.adamwWeightDecay = nonNegative("AdamW weight decay", weightDecay);
        return this;
    }

    /** The routed optimizer: Muon for {@code ParamLayout.Role.MATRIX}, AdamW for every other role. */
    @Override
    public Optimizer build() {
        Optimizer matrices = super.build();
        Optimizer rest = Optimizers.adamw().optBiasCorrection(true).setLearningRate(adamwLearningRate)
                .optWeightDecay(adamwWeightDecay).optSchedule(matrices.schedule()).build();
        return Optimizers.routed(matrices, rest);
    }
}
