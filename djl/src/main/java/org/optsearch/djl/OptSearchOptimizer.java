package org.optsearch.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.optsearch.optim.Optimizer;
import org.optsearch.optim.OptimizerState;

/**
 * Runs any OptSearch optimizer (Lion, AdamW, a program the search found, Adafactor, ...) inside a DJL
 * {@link ai.djl.training.Trainer}:
 *
 * <pre>{@code
 * Optimizer lion = Optimizers.lion().setLearningRate(3e-4).optWeightDecay(1.0).build();
 * TrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
 *         .optOptimizer(OptSearchOptimizer.of(lion));
 * }</pre>
 *
 * <p>DJL calls {@link #update} once per parameter and step. Each parameter gets its own
 * {@link OptimizerState} (its layout is that one tensor, with its rows for a matrix), and its update
 * runs on our fused executor: the weights and the gradient are copied into Java arrays, stepped, and
 * the weights written back (see {@code docs/djl.md} for why copying beats DJL array operations). Then
 * the parameter's accumulated gradient is cleared, as DJL's own optimizers do.
 *
 * <p>Settings: the learning rate, its schedule and the weight decay belong to the OptSearch optimizer
 * (DJL's learning-rate trackers are not used; the schedule advances with each parameter's own step
 * count). DJL's {@code setRescaleGrad} and {@code optClipGrad} apply to the gradient first; DJL's
 * {@code optWeightDecays} is refused, to avoid a second, different weight decay; {@code
 * optBeginNumUpdate} has no effect (restore a step count with {@link #loadState}).
 *
 * <p>Programs that reduce over the whole parameter set ({@code global_norm}, {@code dot}, {@code
 * cosine_sim}, {@code clip_by_global_norm}) are refused when the optimizer is built, since DJL never
 * shows all parameters at once. Float32 parameters on one device only.
 */
public final class OptSearchOptimizer extends ai.djl.training.optimizer.Optimizer {
    private static final int MAGIC = 0x4F53444A; // "OSDJ"
    private static final int FORMAT = 1;

    private final Optimizer optimizer;
    private final GradientConditioner conditioner;
    private final Map<String, ParameterSlot> slots = new ConcurrentHashMap<>();

    private OptSearchOptimizer(Builder builder) {
        super(builder);
        if (builder.optimizer == null) {
            throw new IllegalStateException("OptSearchOptimizer: setOptimizer(...) is required");
        }
        if (getWeightDecay() != 0f) {
            throw new IllegalArgumentException("OptSearchOptimizer: DJL's optWeightDecays(" + getWeightDecay()
                    + ") is not supported; set the weight decay on the OptSearch optimizer (e.g."
                    + " Optimizers.lion().optWeightDecay(...)), which applies it as that optimizer defines it");
        }
        PerParameterCheck.require(builder.optimizer);
        this.optimizer = builder.optimizer;
        this.conditioner = new GradientConditioner(rescaleGrad, clipGrad);
    }

    /** A builder; {@link Builder#setOptimizer} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code optimizer} with DJL's defaults: no gradient rescaling, no clipping. */
    public static OptSearchOptimizer of(Optimizer optimizer) {
        return builder().setOptimizer(optimizer).build();
    }

    /** The OptSearch optimizer this adapter runs. */
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        if (weight.size() == 0) {
            return;
        }
        ParameterSlot slot = slots.computeIfAbsent(parameterId,
                id -> ParameterSlot.create(optimizer, weight.getShape()));
        slot.update(parameterId, optimizer, weight, grad, conditioner);
    }

    /** The state of one parameter, by its DJL id ({@link Parameter#getId()}); null before its first update. */
    public OptimizerState state(String parameterId) {
        ParameterSlot slot = slots.get(parameterId);
        return slot == null ? null : slot.state();
    }

    /**
     * Writes the optimizer state of every parameter of {@code block} that has been updated, keyed by the
     * parameter's name in the block (ids change from one model instance to the next, names do not). The
     * stream is not closed.
     */
    public void saveState(OutputStream out, Block block) throws IOException {
        Map<String, OptimizerState> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            OptimizerState s = state(p.getValue().getId());
            if (s != null) {
                named.put(p.getKey(), s);
            }
        }
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(FORMAT);
        data.writeInt(named.size());
        for (Map.Entry<String, OptimizerState> e : named.entrySet()) {
            data.writeUTF(e.getKey());
            e.getValue().save(data);
        }
        data.flush();
    }

    /**
     * Reads states written by {@link #saveState} into this optimizer, for the parameters of {@code block}
     * with the same names; training then continues exactly where the saved one stopped. The stream is not
     * closed.
     *
     * @throws IOException naming what does not match: not a saved state, a different optimizer or
     *                     settings, a parameter the block lacks, or one of another shape
     */
    public void loadState(InputStream in, Block block) throws IOException {
        Map<String, Parameter> byName = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            byName.put(p.getKey(), p.getValue());
        }
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC) {
            throw new IOException("not a saved OptSearchOptimizer state (bad magic number)");
        }
        int format = data.readInt();
        if (format != FORMAT) {
            throw new IOException("saved OptSearchOptimizer state has format " + format + "; this version reads"
                    + " format " + FORMAT);
        }
        int count = data.readInt();
        Map<String, ParameterSlot> loaded = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String name = data.readUTF();
            OptimizerState state = OptimizerState.load(data, optimizer);
            Parameter parameter = byName.get(name);
            if (parameter == null) {
                throw new IOException("the saved state has parameter '" + name + "', which the block does not;"
                        + " it has " + byName.keySet());
            }
            if (parameter.isInitialized()
                    && !ParameterSlot.layoutOf(parameter.getArray().getShape()).equals(state.layout())) {
                throw new IOException("parameter '" + name + "' has shape " + parameter.getArray().getShape()
                        + ", which does not match its saved state");
            }
            loaded.put(parameter.getId(), new ParameterSlot(state));
        }
        slots.putAll(loaded); // all or nothing
    }

    /** DJL's builder conventions; adds {@link #setOptimizer}. */
    public static final class Builder extends OptimizerBuilder<Builder> {
        private Optimizer optimizer;

        Builder() {
        }

        /** The OptSearch optimizer to run (required), e.g. {@code Optimizers.lion()...build()}. */
        public Builder setOptimizer(Optimizer value) {
            if (value == null) {
                throw new IllegalArgumentException("OptSearchOptimizer: the optimizer must not be null");
            }
            this.optimizer = value;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * @throws IllegalArgumentException for a program that reduces over the whole parameter set (naming
         *                                  the function and its line), or a DJL weight decay
         * @throws IllegalStateException    without {@link #setOptimizer}
         */
        public OptSearchOptimizer build() {
            return new OptSearchOptimizer(this);
        }
    }
}
