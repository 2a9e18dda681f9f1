package org.optsearch.train.task;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.optsearch.train.data.BuiltinData;
import org.optsearch.train.data.Csv;
import org.optsearch.train.data.CsvOptions;
import org.optsearch.train.data.FeatureSplit;
import org.optsearch.train.data.Idx;
import org.optsearch.train.data.Split;
import org.optsearch.train.data.Text;
import org.optsearch.train.data.TokenSplit;
import org.optsearch.train.model.CharTransformer;
import org.optsearch.train.model.Mlp;
import org.optsearch.train.model.Vit;
import org.optsearch.train.nn.Activation;
import org.optsearch.train.run.Objective;
import org.optsearch.train.run.Task;
import org.optsearch.train.run.TrainConfig;
import org.optsearch.train.task.spec.DataSpec;
import org.optsearch.train.task.spec.LabelColumn;
import org.optsearch.train.task.spec.ModelSpec;
import org.optsearch.train.task.spec.TaskSpec;
import org.optsearch.train.task.spec.TaskSpecs;
import org.optsearch.train.task.spec.TrainSpec;

/** Finds a task by what a user typed: a built-in name ({@code mnist-vit:M}) or a task file. */
public final class Tasks {
    /** The system property that points at the checkout holding {@code data/} (the launcher sets it). */
    public static final String HOME_PROPERTY = "optsearch.home";

    private Tasks() {
    }

    /**
     * A built-in task, or the task described by a {@code .json}/{@code .yaml} file.
     *
     * @throws IllegalArgumentException for an unknown name; TaskSpecException or DataException for a bad file
     */
    public static Task resolve(String nameOrFile) {
        String lower = nameOrFile.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json") || lower.endsWith(".yaml") || lower.endsWith(".yml")
                || Files.isRegularFile(Path.of(nameOrFile))) {
            return fromSpec(TaskSpecs.read(Path.of(nameOrFile)), nameOrFile);
        }
        return BuiltinTasks.load(nameOrFile, dataDir());
    }

    /** The built-in data folder: under {@code -Doptsearch.home}, else above the working directory. */
    public static Path dataDir() {
        String home = System.getProperty(HOME_PROPERTY);
        return BuiltinData.findDataDir(home != null ? Path.of(home) : Path.of(""));
    }

    /** Reads the data a spec names and builds its task; errors name the task by its name. */
    public static Task fromSpec(TaskSpec spec) {
        return fromSpec(spec, spec.name());
    }

    /**
     * Reads the data a spec names and builds its task. A model too large to train (see {@link
     * ModelSize}) is a {@link TaskSpecException} naming {@code file} and the key to change.
     */
    public static Task fromSpec(TaskSpec spec, String file) {
        TrainSpec t = spec.train();
        TrainConfig config = new TrainConfig(t.steps(), t.batchSize(), t.warmupSteps(), t.seed(), t.evaluations());
        int limit = t.trainLimit() == 0 ? Integer.MAX_VALUE : t.trainLimit();
        Sized sized;
        if (spec.data() instanceof DataSpec.Idx idx) {
            sized = images(spec, idx, config, limit);
        } else if (spec.data() instanceof DataSpec.Csv csv) {
            sized = table(spec, csv, config, limit);
        } else {
            sized = text(spec, (DataSpec.Text) spec.data(), config, limit);
        }
        ModelLimits.check(file, spec, sized.size(), sized.task().batchSize(), Runtime.getRuntime().maxMemory());
        return sized.task();
    }

    /** A task and the size of its model. */
    private record Sized(Task task, ModelSize size) {
    }

    private static Sized images(TaskSpec spec, DataSpec.Idx idx, TrainConfig config, int limit) {
        Idx.LabeledImages train = Idx.readTraining(idx.trainImages(), idx.trainLabels());
        Idx.LabeledImages test = Idx.readHeldOut(idx.testImages(), idx.testLabels(), train.numClasses());
        int classes = train.numClasses();
        FeatureSplit split = FeatureSplit.ofImages(train, test, BuiltinTasks.SPLIT_SEED, limit);
        if (spec.model() instanceof ModelSpec.Vit v) {
            int h = train.images().rows();
            int w = train.images().cols();
            if (h % v.patch() != 0 || w % v.patch() != 0) {
                throw new IllegalArgumentException(spec.name() + ": $.model.patch: " + v.patch()
                        + " does not divide the " + h + "x" + w + " images; use a divisor of both sides");
            }
            Vit.Pooling pooling = Vit.Pooling.valueOf(v.pool().name());
            Task task = new Task(spec.name(), Objective.CLASSIFICATION, () -> new Vit(h, w, 1, v.patch(), classes,
                    v.dim(), v.depth(), v.heads(), v.mlpRatio(), pooling), split.train(), split.validation(), config);
            return new Sized(task, ModelSize.vit(h, w, v.patch(), classes, v.dim(), v.depth(), v.heads(), v.mlpRatio(),
                    pooling == Vit.Pooling.CLS, task.batchSize()));
        }
        return mlp(spec, split, config);
    }

    private static Sized table(TaskSpec spec, DataSpec.Csv csv, TrainConfig config, int limit) {
        Csv.Kind kind = csv.kind() == DataSpec.Csv.Kind.REGRESSION ? Csv.Kind.REGRESSION : Csv.Kind.CLASSIFICATION;
        Map<Csv.Column, CsvOptions.Encoding> categorical = new HashMap<>();
        csv.categorical().forEach((c, e) -> categorical.put(column(c), CsvOptions.Encoding.valueOf(e.name())));
        CsvOptions options = new CsvOptions(csv.header(), csv.drop().stream().map(Tasks::column).toList(),
                CsvOptions.Missing.valueOf(csv.missing().name()), categorical);
        Csv.Cells cells = Csv.parse(csv.path(), column(csv.label()), kind, options);
        // categories and fill-in values are learned from the training rows only
        Split split = Split.shuffled(cells.rows(), csv.validationFraction(), BuiltinTasks.SPLIT_SEED).limitTrain(limit);
        FeatureSplit features = FeatureSplit.ofTable(cells.encode(split.train()), FeatureSplit.Scaling.PER_COLUMN,
                split);
        return mlp(spec, features, config);
    }

    private static Csv.Column column(LabelColumn c) {
        return c instanceof LabelColumn.ByName n ? Csv.Column.named(n.name())
                : Csv.Column.at(((LabelColumn.ByIndex) c).index());
    }

    private static Sized text(TaskSpec spec, DataSpec.Text data, TrainConfig config, int limit) {
        ModelSpec.CharLm m = (ModelSpec.CharLm) spec.model();
        Text text = Text.read(data.path());
        TokenSplit split = TokenSplit.of(text, m.context(), data.validationFraction(), BuiltinTasks.SPLIT_SEED, limit);
        int vocab = text.vocabSize();
        Task task = new Task(spec.name(), Objective.LANGUAGE, () -> new CharTransformer(vocab, m.context(), m.dim(),
                m.depth(), m.heads(), m.mlpRatio()), split.train(), split.validation(), config);
        return new Sized(task, ModelSize.charLm(vocab, m.context(), m.dim(), m.depth(), m.heads(), m.mlpRatio(),
                task.batchSize()));
    }

    private static Sized mlp(TaskSpec spec, FeatureSplit split, TrainConfig config) {
        ModelSpec.Mlp m = (ModelSpec.Mlp) spec.model();
        int[] hidden = m.hidden().stream().mapToInt(Integer::intValue).toArray();
        Activation activation = Activation.valueOf(m.activation().name());
        Task base = BuiltinTasks.mlpTask(spec.name(), split, hidden, config);
        boolean regression = base.objective() == Objective.REGRESSION;
        int width = split.train().width();
        int outputs = regression ? 1 : split.train().numClasses();
        Task task = new Task(spec.name(), base.objective(), () -> new Mlp(width, hidden, outputs, activation,
                regression), base.train(), base.validation(), config);
        return new Sized(task, ModelSize.mlp(width, m.hidden(), outputs, task.batchSize()));
    }
}
