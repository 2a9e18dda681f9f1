package org.optsearch.train.task.spec;

import java.util.List;
import java.util.Objects;

/** The network a task trains: the {@code model} object of a task file. */
public sealed interface ModelSpec permits ModelSpec.Mlp, ModelSpec.Vit, ModelSpec.CharLm {

    /** Upper bound on every width, depth, head count, patch, context and ratio (and batch size). */
    int MAX_SIZE = 65536;

    /** Default width of a transformer block's MLP, as a multiple of {@code dim}. */
    int DEFAULT_MLP_RATIO = 2;

    /** Which kind of network this is. */
    ModelType type();

    /**
     * Fully connected layers.
     *
     * @param hidden     widths of the hidden layers, input side first; empty for a linear model
     * @param activation the nonlinearity after each hidden layer
     */
    record Mlp(List<Integer> hidden, ActivationKind activation) implements ModelSpec {
        public Mlp {
            hidden = List.copyOf(hidden);
            for (int i = 0; i < hidden.size(); i++) {
                Checks.size("hidden[" + i + "]", hidden.get(i));
            }
            Objects.requireNonNull(activation, "activation");
        }

        @Override
        public ModelType type() {
            return ModelType.MLP;
        }
    }

    /**
     * A vision transformer. Whether {@code patch} divides the image side is checked by the model,
     * which knows the images.
     *
     * @param patch    side of the square patches, in pixels
     * @param dim      width of the token embeddings; divisible by {@code heads}
     * @param depth    number of transformer blocks
     * @param heads    attention heads per block
     * @param pool     how the tokens are pooled for classification
     * @param mlpRatio width of each block's MLP as a multiple of {@code dim}
     */
    record Vit(int patch, int dim, int depth, int heads, Pooling pool, int mlpRatio) implements ModelSpec {
        public Vit {
            Checks.size("patch", patch);
            Checks.size("dim", dim);
            Checks.size("depth", depth);
            Checks.size("heads", heads);
            Checks.divisible(dim, heads);
            Objects.requireNonNull(pool, "pool");
            Checks.size("mlpRatio", mlpRatio);
        }

        @Override
        public ModelType type() {
            return ModelType.VIT;
        }
    }

    /**
     * A character-level transformer language model.
     *
     * @param context  characters of context the model sees (and predicts)
     * @param dim      width of the embeddings; divisible by {@code heads}
     * @param depth    number of transformer blocks
     * @param heads    attention heads per block
     * @param mlpRatio width of each block's MLP as a multiple of {@code dim}
     */
    record CharLm(int context, int dim, int depth, int heads, int mlpRatio) implements ModelSpec {
        public CharLm {
            Checks.size("context", context);
            Checks.size("dim", dim);
            Checks.size("depth", depth);
            Checks.size("heads", heads);
            Checks.divisible(dim, heads);
            Checks.size("mlpRatio", mlpRatio);
        }

        @Override
        public ModelType type() {
            return ModelType.CHARLM;
        }
    }
}
