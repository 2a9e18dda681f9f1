package org.optsearch.train.task;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.optsearch.lang.Op;
import org.optsearch.train.data.BuiltinData;
import org.optsearch.train.data.Csv;
import org.optsearch.train.data.FeatureDataset;
import org.optsearch.train.data.FeatureSplit;
import org.optsearch.train.data.Idx;
import org.optsearch.train.data.Text;
import org.optsearch.train.data.TokenDataset;
import org.optsearch.train.data.TokenSplit;
import org.optsearch.train.model.CharTransformer;
import org.optsearch.train.model.Mlp;
import org.optsearch.train.model.Vit;
import org.optsearch.train.nn.Activation;
import org.optsearch.train.run.Objective;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainConfig;

/**
 * The tasks that ship with OptSearch, by name, each in four sizes: {@code XS} (the quick preset's proxy:
 * smaller models, fewer steps, ~1/5 of S or less), {@code S} (the search's proxy, stage A), {@code M} (~10x
 * the training compute of S, stage B) and {@code L} (~100x, stage C). A name without a size means S:
 * {@code digits-mlp} is {@code digits-mlp:S}.
 *
 * <p>Training compute, counted as parameters x steps (attention adds a little for the transformers),
 * relative to S: digits-mlp 1 / 10 / 117; mnist-mlp 1 / 8 / 105; mnist-vit (width x depth x steps)
 * 1 / 12 / 144; austen-charlm 1 / 16 / 170; breast-cancer-mlp 1 / 10 / 60; diabetes-mlp 1 / 11 / 146.
 *
 * <p>Data splits are fixed (seed {@link #SPLIT_SEED}) whatever the training seed, so that seeds vary
 * only initialization and batch order.
 */
public final class BuiltinTasks {
    /** The sizes of a task family. */
    public enum Size { XS, S, M, L }

    static final long SPLIT_SEED = 0;
    /** S-size MNIST tasks validate on the first 2,000 test images to keep proxy evaluations fast. */
    static final int SMALL_VALIDATION = 2000;
    /** XS-size MNIST tasks validate on the first 1,000 and train on the first 10,000 training images. */
    static final int TINY_VALIDATION = 1000;
    static final int TINY_TRAIN = 10_000;

    private static final Map<String, Object> RAW = new ConcurrentHashMap<>();

    private record Family(String name, String description, Function<Size, Task> make) {
    }

    private BuiltinTasks() {
    }

    /** Every built-in task family name, with one line about it. */
    public static Map<String, String> families() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (Family f : families(null)) {
            m.put(f.name(), f.description());
        }
        return m;
    }

    /** Whether {@code spec} ({@code name} or {@code name:SIZE}) names a built-in task. */
    public static boolean isBuiltin(String spec) {
        String name = spec.contains(":") ? spec.substring(0, spec.indexOf(':')) : spec;
        return families().containsKey(name);
    }

    /**
     * The task named {@code spec}: {@code name} or {@code name:XS|S|M|L}.
     *
     * @throws IllegalArgumentException with the known names (and a suggestion) for an unknown one
     */
    public static Task load(String spec, Path dataDir) {
        String name = spec;
        Size size = Size.S;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            name = spec.substring(0, colon);
            String s = spec.substring(colon + 1).toUpperCase(Locale.ROOT);
            try {
                size = Size.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task '" + spec + "': size must be XS, S, M or L, got '"
                        + spec.substring(colon + 1) + "'");
            }
        }
        for (Family f : families(dataDir)) {
            if (f.name().equals(name)) {
                Task t = f.make().apply(size);
                return new Task(name + ":" + size, t.objective(), t.model(), t.train(), t.validation(), t.config());
            }
        }
        String suggestion = Op.closest(name, families().keySet());
        throw new IllegalArgumentException("unknown task '" + name + "'"
                + (suggestion != null ? "; did you mean '" + suggestion + "'?" : ";")
                + " built-in tasks: " + String.join(", ", families().keySet())
                + "; or give a task file (.json, .yaml)");
    }

    private static List<Family> families(Path dataDir) {
        return List.of(
                new Family("digits-mlp", "8x8 digits (1,797 images, 10 classes), MLP",
                        size -> digitsMlp(dataDir, size)),
                new Family("mnist-mlp", "MNIST (60,000 28x28 images, 10 classes), MLP",
                        size -> mnistMlp(dataDir, size)),
                new Family("mnist-vit", "MNIST, tiny vision transformer (7x7 patches, mean pooling): the paper's proxy family",
                        size -> mnistVit(dataDir, size)),
                new Family("austen-charlm", "Jane Austen's novels (4.0M characters), character-level transformer LM",
                        size -> austenCharLm(dataDir, size)),
                new Family("breast-cancer-mlp", "Wisconsin breast cancer (569 rows, 30 features, 2 classes), MLP",
                        size -> tableMlp(dataDir, "breast-cancer-mlp", size, BuiltinData::breastCancer)),
                new Family("diabetes-mlp", "diabetes progression (442 rows, 10 features), MLP regression",
                        size -> tableMlp(dataDir, "diabetes-mlp", size, BuiltinData::diabetes)));
    }

    private static Task digitsMlp(Path dataDir, Size size) {
        Csv.Table table = raw("digits@" + dataDir, () -> BuiltinData.digits(dataDir));
        FeatureSplit split = FeatureSplit.ofTable(table, FeatureSplit.Scaling.SCALAR, 0.2, SPLIT_SEED,
                Integer.MAX_VALUE);
        int[] hidden = pick(size, new int[] {32}, new int[] {64}, new int[] {128}, new int[] {256, 256});
        TrainConfig config = config(size, 150, 300, 1500, 2000, 64);
        return mlpTask("digits-mlp", split, hidden, config);
    }

    private static Task mnistMlp(Path dataDir, Size size) {
        FeatureSplit split = mnist(dataDir, size);
        int[] hidden = pick(size, new int[] {64}, new int[] {128}, new int[] {256}, new int[] {512, 512});
        TrainConfig config = config(size, 200, 500, 2000, 8000, 64);
        return mlpTask("mnist-mlp", split, hidden, config);
    }

    private static Task mnistVit(Path dataDir, Size size) {
        FeatureSplit split = mnist(dataDir, size);
        int dim = pick(size, 16, 32, 48, 96);
        int depth = pick(size, 1, 1, 2, 3);
        int heads = pick(size, 2, 2, 4, 4);
        TrainConfig config = config(size, 200, 300, 800, 1600, size == Size.XS ? 32 : 64);
        return new Task("mnist-vit", Objective.CLASSIFICATION,
                () -> new Vit(28, 28, 1, 7, 10, dim, depth, heads, 2, Vit.Pooling.MEAN), split.train(),
                split.validation(), config);
    }

    private static Task austenCharLm(Path dataDir, Size size) {
        Text text = raw("austen@" + dataDir, () -> BuiltinData.austen(dataDir));
        int context = size == Size.XS ? 32 : 64;
        TokenSplit split = TokenSplit.of(text, context, 0.1, SPLIT_SEED, Integer.MAX_VALUE);
        TokenDataset validation = split.validation().limit(pick(size, 256, 256, 1024, 4096), SPLIT_SEED);
        int dim = pick(size, 16, 32, 64, 128);
        int depth = pick(size, 1, 1, 2, 4);
        int heads = pick(size, 2, 2, 4, 4);
        TrainConfig config = config(size, 300, 300, 600, 800, size == Size.XS ? 16 : 32);
        int vocab = text.vocabSize();
        return new Task("austen-charlm", Objective.LANGUAGE,
                () -> new CharTransformer(vocab, context, dim, depth, heads, 2), split.train(), validation, config);
    }

    /** MNIST standardized with training statistics; S validates on the first test images only. */
    private static FeatureSplit mnist(Path dataDir, Size size) {
        Idx.LabeledImages train = raw("mnist-train@" + dataDir, () -> BuiltinData.mnistTrain(dataDir));
        Idx.LabeledImages test = raw("mnist-test@" + dataDir, () -> BuiltinData.mnistTest(dataDir));
        FeatureSplit split = FeatureSplit.ofImages(train, test, SPLIT_SEED, Integer.MAX_VALUE);
        if (size == Size.XS) {
            return new FeatureSplit(split.train().rows(firstN(TINY_TRAIN)), split.validation().rows(firstN(TINY_VALIDATION)),
                    split.features(), null);
        }
        if (size != Size.S) {
            return split;
        }
        return new FeatureSplit(split.train(), split.validation().rows(firstN(SMALL_VALIDATION)), split.features(), null);
    }

    private static Task tableMlp(Path dataDir, String name, Size size, Function<Path, Csv.Table> read) {
        Csv.Table table = raw(name + "@" + dataDir, () -> read.apply(dataDir));
        FeatureSplit split = FeatureSplit.ofTable(table, FeatureSplit.Scaling.PER_COLUMN, 0.2, SPLIT_SEED,
                Integer.MAX_VALUE);
        int[] hidden = pick(size, new int[] {16}, new int[] {32}, new int[] {64}, new int[] {96, 96});
        TrainConfig config = config(size, 100, 200, 1000, 1000, 32);
        return mlpTask(name, split, hidden, config);
    }

    static Task mlpTask(String name, FeatureSplit split, int[] hidden, TrainConfig config) {
        FeatureDataset train = split.train();
        boolean regression = !train.isClassification();
        int outputs = regression ? 1 : train.numClasses();
        Objective objective = regression ? Objective.REGRESSION : Objective.CLASSIFICATION;
        int width = train.width();
        return new Task(name, objective, () -> new Mlp(width, hidden, outputs, Activation.RELU, regression), train,
                split.validation(), config);
    }

    /** Steps per size; warm-up is 5% of the steps; 5 points on the validation curve; seed 1. */
    private static TrainConfig config(Size size, int xs, int s, int m, int l, int batch) {
        int steps = pick(size, xs, s, m, l);
        return new TrainConfig(steps, batch, steps / 20, 1, 5);
    }

    private static int[] firstN(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static int[] pick(Size size, int[] xs, int[] s, int[] m, int[] l) {
        return switch (size) {
            case XS -> xs;
            case S -> s;
            case M -> m;
            case L -> l;
        };
    }

    private static int pick(Size size, int xs, int s, int m, int l) {
        return switch (size) {
            case XS -> xs;
            case S -> s;
            case M -> m;
            case L -> l;
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T raw(String key, java.util.function.Supplier<T> load) {
        return (T) RAW.computeIfAbsent(key, k -> load.get());
    }
}
