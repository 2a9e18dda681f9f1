package org.optsearch.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.optsearch.lang.Op;
import org.optsearch.suite.synth.AttentionRegressor;
import org.optsearch.suite.synth.RecallData;
import org.optsearch.suite.synth.RecallModel;
import org.optsearch.suite.synth.SyntheticData;
import org.optsearch.train.data.FeatureDataset;
import org.optsearch.train.data.TokenDataset;
import org.optsearch.train.model.CharTransformer;
import org.optsearch.train.model.Mlp;
import org.optsearch.train.model.Model;
import org.optsearch.train.model.Vit;
import org.optsearch.train.nn.Activation;
import org.optsearch.train.run.Objective;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainConfig;
import org.optsearch.train.task.BuiltinTasks;
import org.optsearch.train.task.Tasks;

/**
 * The suite's fixed workloads and their held-out variants. Sizes are fixed: each trains its tuning steps
 * in seconds on one core (numbers in docs/benchmark.md). Data of the built-in tasks comes from
 * {@code data/}; the synthetic workloads are made by code from fixed seeds.
 */
public final class Workloads {
    /** Seed of every synthetic data set: data never varies with the training seed. */
    static final long DATA_SEED = 20240601L;

    private static final Map<String, Workload> ALL = build();

    private Workloads() {
    }

    /** The fixed workloads that count in a score, in order. */
    public static List<Workload> fixed() {
        return ALL.values().stream().filter(w -> !w.heldOut()).toList();
    }

    /** The held-out variants, in order. */
    public static List<Workload> variants() {
        return ALL.values().stream().filter(Workload::heldOut).toList();
    }

    /** Every workload and variant, by name. */
    public static Map<String, Workload> all() {
        return ALL;
    }

    /**
     * The workloads a user named, separated by commas: names, {@code all} (the fixed workloads) and
     * {@code variants} (the held-out variants); an empty selection is {@code all}.
     *
     * @throws IllegalArgumentException naming an unknown workload, with the closest known name
     */
    public static List<Workload> select(String names) {
        if (names.isBlank()) {
            return fixed();
        }
        List<Workload> out = new ArrayList<>();
        for (String raw : names.split(",")) {
            String name = raw.strip();
            if (name.equals("all") || name.equals("variants")) {
                for (Workload w : name.equals("all") ? fixed() : variants()) {
                    if (!out.contains(w)) {
                        out.add(w);
                    }
                }
                continue;
            }
            Workload w = ALL.get(name);
            if (w == null) {
                String suggestion = Op.closest(name, ALL.keySet());
                throw new IllegalArgumentException("unknown workload '" + name + "'"
                        + (suggestion != null ? "; did you mean '" + suggestion + "'?" : "")
                        + " Workloads: " + String.join(", ", ALL.keySet()));
            }
            if (!out.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * A user's workload from a task (a task file, {@code docs/tasks.md}): its metric follows its objective, its
     * evaluation interval is its steps over its evaluations, its tuning steps are its steps (rounded down to a
     * whole number of intervals), its batch size is its own.
     *
     * @throws IllegalArgumentException when its name is taken by a built-in workload
     */
    public static Workload fromTask(Task task) {
        if (ALL.containsKey(task.name())) {
            throw new IllegalArgumentException("task '" + task.name() + "' has the name of a built-in workload;"
                    + " rename it in its file ($.name)");
        }
        int interval = Math.max(1, task.config().steps() / task.config().evaluations());
        int steps = interval * (task.config().steps() / interval);
        return new Workload(task.name(), "task file", Metric.of(task.objective()), steps, interval,
                task.config().batchSize(), null, () -> task);
    }

    private static Map<String, Workload> build() {
        Map<String, Workload> m = new LinkedHashMap<>();
        Supplier<Task> mnist = memo(() -> builtin("mnist-mlp"));
        add(m, new Workload("mnist-mlp", "MNIST, MLP 784-128-10 (ReLU)", Metric.ACCURACY, 800, 50, 64, null,
                mnist));
        add(m, new Workload("mnist-mlp-gelu", "variant: GELU activation", Metric.ACCURACY, 800, 50, 64,
                "mnist-mlp", () -> mlp(mnist.get(), new int[] {128}, Activation.GELU)));
        add(m, new Workload("mnist-mlp-wide", "variant: 256 hidden units", Metric.ACCURACY, 800, 50, 64,
                "mnist-mlp", () -> mlp(mnist.get(), new int[] {256}, Activation.RELU)));

        Supplier<Task> vit = memo(() -> builtin("mnist-vit"));
        add(m, new Workload("mnist-vit", "MNIST, tiny ViT (7x7 patches, width 32, 1 block, mean pooling)",
                Metric.ACCURACY, 1200, 50, 64, null, vit));
        add(m, new Workload("mnist-vit-cls", "variant: class-token pooling", Metric.ACCURACY, 1200, 50, 64,
                "mnist-vit", () -> vitWith(vit.get(), Vit.Pooling.CLS)));

        Supplier<Task> austen = memo(() -> builtin("austen-charlm"));
        add(m, new Workload("austen-charlm", "Austen, character transformer (width 32, 1 block, context 64)",
                Metric.BITS_PER_CHARACTER, 1200, 50, 32, null, austen));
        add(m, new Workload("austen-charlm-mlp4", "variant: MLP ratio 4", Metric.BITS_PER_CHARACTER, 1200, 50, 32,
                "austen-charlm", () -> charLm(austen.get(), 4)));

        Supplier<Task> cancer = memo(() -> builtin("breast-cancer-mlp"));
        // 114 validation rows: accuracy moves in steps of 0.9%, so the target is set on the cross-entropy.
        add(m, new Workload("breast-cancer-mlp", "breast cancer table, MLP 30-32-2 (classification)",
                Metric.CROSS_ENTROPY, 300, 10, 32, null, cancer));
        add(m, new Workload("breast-cancer-mlp-tanh", "variant: tanh activation", Metric.CROSS_ENTROPY, 300, 10, 32,
                "breast-cancer-mlp", () -> mlp(cancer.get(), new int[] {32}, Activation.TANH)));

        Supplier<Task> diabetes = memo(() -> builtin("diabetes-mlp"));
        add(m, new Workload("diabetes-mlp", "diabetes table, MLP 10-32-1 (regression)", Metric.MSE, 300, 10, 32,
                null, diabetes));
        add(m, new Workload("diabetes-mlp-gelu", "variant: GELU activation, 64 hidden units", Metric.MSE, 300, 10,
                32, "diabetes-mlp", () -> mlp(diabetes.get(), new int[] {64}, Activation.GELU)));

        Supplier<Task> lstsq = memo(Workloads::leastSquares);
        add(m, new Workload("lstsq-illcond", "synthetic least squares, 32 features, condition number 1000",
                Metric.MSE, 600, 25, 64, null, lstsq));
        add(m, new Workload("lstsq-illcond-init10", "variant: initial weights x10", Metric.MSE, 600, 25, 64,
                "lstsq-illcond", () -> scaled(lstsq.get(), 10)));

        Supplier<Task> teacher = memo(Workloads::attentionTeacher);
        add(m, new Workload("attention-teacher", "synthetic: one attention layer fit to a random teacher (MSE)",
                Metric.MSE, 600, 25, 32, null, teacher));
        add(m, new Workload("attention-teacher-init3", "variant: initial weights x3", Metric.MSE, 600, 25, 32,
                "attention-teacher", () -> scaled(teacher.get(), 3)));
        add(m, new Workload("attention-teacher-norm", "variant: layer norm before the attention", Metric.MSE, 600, 25,
                32, "attention-teacher", () -> withModel(teacher.get(), () -> new AttentionRegressor(8, 16, 2, true))));

        Supplier<Task> recall = memo(() -> recall(32));
        add(m, new Workload("mqar", "synthetic multi-query associative recall (8 pairs, 4 queries, 32 keys/values)",
                Metric.ACCURACY, 800, 50, 32, null, recall));
        add(m, new Workload("mqar-wide", "variant: width 64", Metric.ACCURACY, 800, 50, 32, "mqar",
                () -> recall(64)));
        return m;
    }

    private static void add(Map<String, Workload> m, Workload w) {
        m.put(w.name(), w);
    }

    private static Task builtin(String name) {
        Task t = BuiltinTasks.load(name, Tasks.dataDir());
        return new Task(name, t.objective(), t.model(), t.train(), t.validation(), t.config());
    }

    private static Task withModel(Task base, Supplier<Model> model) {
        return new Task(base.name(), base.objective(), model, base.train(), base.validation(), base.config());
    }

    private static Task mlp(Task base, int[] hidden, Activation activation) {
        FeatureDataset train = (FeatureDataset) base.train();
        boolean regression = base.objective() == Objective.REGRESSION;
        int outputs = regression ? 1 : train.numClasses();
        return withModel(base, () -> new Mlp(train.width(), hidden, outputs, activation, regression));
    }

    private static Task vitWith(Task base, Vit.Pooling pooling) {
        return withModel(base, () -> new Vit(28, 28, 1, 7, 10, 32, 1, 2, 2, pooling));
    }

    private static Task charLm(Task base, int mlpRatio) {
        int vocab = ((TokenDataset) base.train()).vocabSize();
        return withModel(base, () -> new CharTransformer(vocab, 64, 32, 1, 2, mlpRatio));
    }

    private static Task scaled(Task base, double factor) {
        Supplier<Model> model = base.model();
        return withModel(base, () -> new ScaledInit(model.get(), factor));
    }

    private static Task leastSquares() {
        SyntheticData.Pair data = SyntheticData.leastSquares(4096, 1024, 32, 1000, 0.1, DATA_SEED);
        return new Task("lstsq-illcond", Objective.REGRESSION, () -> new Mlp(32, new int[0], 1, Activation.RELU, true),
                data.train(), data.validation(), placeholder());
    }

    private static Task attentionTeacher() {
        SyntheticData.Pair data = SyntheticData.attentionTeacher(4096, 512, 8, 16, 2, 2.0, 0.1, DATA_SEED);
        return new Task("attention-teacher", Objective.REGRESSION, () -> new AttentionRegressor(8, 16, 2),
                data.train(), data.validation(), placeholder());
    }

    private static Task recall(int dim) {
        RecallData train = RecallData.generate(8192, 32, 32, 8, 4, DATA_SEED);
        RecallData validation = RecallData.generate(1024, 32, 32, 8, 4, DATA_SEED + 1);
        return new Task("mqar", Objective.CLASSIFICATION, () -> new RecallModel(32, 32, 8, 4, dim, 2), train,
                validation, placeholder());
    }

    /** Replaced by {@link Workload#task(int, double, long)}. */
    private static TrainConfig placeholder() {
        return new TrainConfig(100, 32, 0, 1, 1);
    }

    private static <T> Supplier<T> memo(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
