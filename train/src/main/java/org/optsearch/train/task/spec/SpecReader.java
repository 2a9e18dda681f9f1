package org.optsearch.train.task.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.optsearch.train.task.spec.DataSpec.Csv;

/** Walks a parsed task document against the schema of {@code docs/tasks.md}, first error wins. */
final class SpecReader {

    private static final List<String> TOP = List.of("name", "model", "data", "train");
    private static final List<String> MLP = List.of("type", "hidden", "activation");
    private static final List<String> VIT = List.of("type", "patch", "dim", "depth", "heads", "pool", "mlpRatio");
    private static final List<String> CHARLM = List.of("type", "context", "dim", "depth", "heads", "mlpRatio");
    private static final List<String> IDX = List.of("format", "trainImages", "trainLabels", "testImages", "testLabels");
    private static final List<String> TEXT = List.of("format", "path", "validationFraction");
    private static final List<String> CSV = List.of("format", "path", "label", "kind", "validationFraction",
            "header", "drop", "missing", "categorical");
    private static final List<String> TRAIN =
            List.of("steps", "batchSize", "warmupSteps", "seed", "trainLimit", "evaluations");

    private final Path baseDir;

    private SpecReader(Path baseDir) {
        this.baseDir = baseDir;
    }

    static TaskSpec read(SpecDocument doc, Path baseDir) {
        return new SpecReader(baseDir).task(doc.root());
    }

    private TaskSpec task(SpecNode rootNode) {
        SpecObject root = rootNode.object("an object with keys " + String.join(", ", TOP));
        root.allowOnly(TOP, null);
        String name = name(root.required("name"));
        SpecNode modelNode = root.required("model");
        ModelSpec model = model(modelNode.object());
        SpecNode dataNode = root.required("data");
        DataSpec data = data(dataNode.object());
        if (!model.type().dataFormats().contains(data.format())) {
            String wanted = model.type().dataFormats().stream().map(DataFormat::key)
                    .collect(Collectors.joining(" or "));
            throw dataNode.object().required("format").error("model type '" + model.type().key() + "' ("
                    + modelNode.path() + ".type) needs data format " + wanted + ", got '" + data.format().key() + "'");
        }
        TrainSpec train = train(root.required("train").object());
        return new TaskSpec(name, model, data, train);
    }

    private static String name(SpecNode node) {
        String name = node.string();
        if (!TaskSpec.NAME.matcher(name).matches()) {
            throw node.error("must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, got "
                    + SpecNode.quote(name));
        }
        return name;
    }

    private static ModelSpec model(SpecObject o) {
        ModelType type = o.required("type", "; one of " + SpecNode.keys(ModelType.class)).oneOf(ModelType.class);
        switch (type) {
            case MLP -> {
                o.allowOnly(MLP, "an mlp model");
                List<Integer> hidden = new ArrayList<>();
                for (SpecNode width : o.required("hidden").elements("[128] or [256, 128]")) {
                    hidden.add(width.positive(ModelSpec.MAX_SIZE));
                }
                SpecNode activation = o.optional("activation");
                return new ModelSpec.Mlp(hidden, activation == null ? ActivationKind.RELU
                        : activation.oneOf(ActivationKind.class));
            }
            case VIT -> {
                o.allowOnly(VIT, "a vit model");
                int patch = size(o, "patch");
                int dim = size(o, "dim");
                int depth = size(o, "depth");
                int heads = heads(o, dim);
                SpecNode pool = o.optional("pool");
                return new ModelSpec.Vit(patch, dim, depth, heads,
                        pool == null ? Pooling.MEAN : pool.oneOf(Pooling.class), mlpRatio(o));
            }
            case CHARLM -> {
                o.allowOnly(CHARLM, "a charlm model");
                int context = size(o, "context");
                int dim = size(o, "dim");
                int depth = size(o, "depth");
                int heads = heads(o, dim);
                return new ModelSpec.CharLm(context, dim, depth, heads, mlpRatio(o));
            }
            default -> throw new AssertionError(type);
        }
    }

    private static int size(SpecObject o, String key) {
        return o.required(key).positive(ModelSpec.MAX_SIZE);
    }

    private static int heads(SpecObject o, int dim) {
        SpecNode node = o.required("heads");
        int heads = node.positive(ModelSpec.MAX_SIZE);
        String problem = Checks.divisibilityProblem(dim, heads);
        if (problem != null) {
            throw node.error(problem);
        }
        return heads;
    }

    private static int mlpRatio(SpecObject o) {
        SpecNode node = o.optional("mlpRatio");
        return node == null ? ModelSpec.DEFAULT_MLP_RATIO : node.positive(ModelSpec.MAX_SIZE);
    }

    private DataSpec data(SpecObject o) {
        DataFormat format = o.required("format", "; one of " + SpecNode.keys(DataFormat.class)).oneOf(DataFormat.class);
        switch (format) {
            case IDX -> {
                o.allowOnly(IDX, "idx data");
                return new DataSpec.Idx(path(o, "trainImages"), path(o, "trainLabels"),
                        path(o, "testImages"), path(o, "testLabels"));
            }
            case TEXT -> {
                o.allowOnly(TEXT, "text data");
                return new DataSpec.Text(path(o, "path"),
                        fraction(o, DataSpec.DEFAULT_TEXT_VALIDATION_FRACTION));
            }
            case CSV -> {
                o.allowOnly(CSV, "csv data");
                Path path = path(o, "path");
                SpecNode headerNode = o.optional("header");
                boolean header = headerNode == null || headerNode.bool();
                LabelColumn label = column(o.required("label"), header);
                Csv.Kind kind = o.required("kind", "; one of " + SpecNode.keys(Csv.Kind.class)).oneOf(Csv.Kind.class);
                double fraction = fraction(o, DataSpec.DEFAULT_CSV_VALIDATION_FRACTION);
                List<LabelColumn> drop = CsvColumns.drop(o.optional("drop"), header, label);
                SpecNode missing = o.optional("missing");
                SpecNode categorical = o.optional("categorical");
                return new Csv(path, label, kind, fraction, header, drop,
                        missing == null ? Csv.Missing.ERROR : missing.oneOf(Csv.Missing.class),
                        categorical == null ? Map.of() : CsvColumns.categorical(categorical, header, label, drop));
            }
            default -> throw new AssertionError(format);
        }
    }

    private Path path(SpecObject o, String key) {
        return o.required(key).path(baseDir);
    }

    private static double fraction(SpecObject o, double fallback) {
        SpecNode node = o.optional("validationFraction");
        return node == null ? fallback : node.fraction(DataSpec.MAX_VALIDATION_FRACTION);
    }

    /** A column: a header name (a string) or a 0-based index; only an index without a header. */
    static LabelColumn column(SpecNode node, boolean header) {
        if (!header && node.isString()) {
            throw node.error("must be a 0-based column index (the file has no header: header is false), got "
                    + node.describe());
        }
        if (node.isString()) {
            String name = node.string();
            if (name.isEmpty()) {
                throw node.error("must be a column name or a 0-based column index, got ''");
            }
            return LabelColumn.named(name);
        }
        try {
            return LabelColumn.index(node.nonNegative(Integer.MAX_VALUE, ""));
        } catch (TaskSpecException e) {
            throw node.error("must be a column name or a 0-based column index, got " + node.describe());
        }
    }

    private static TrainSpec train(SpecObject o) {
        o.allowOnly(TRAIN, null);
        int steps = o.required("steps").positive(Integer.MAX_VALUE);
        SpecNode node = o.optional("batchSize");
        int batchSize = node == null ? TrainSpec.DEFAULT_BATCH_SIZE : node.positive(ModelSpec.MAX_SIZE);
        int warmupSteps = TrainSpec.defaultWarmupSteps(steps);
        node = o.optional("warmupSteps");
        if (node != null) {
            warmupSteps = node.nonNegative(Integer.MAX_VALUE, "");
            if (warmupSteps >= steps) {
                throw node.error("must be less than steps (" + steps + "), got " + node.describe());
            }
        }
        node = o.optional("seed");
        long seed = node == null ? TrainSpec.DEFAULT_SEED : node.anyLong();
        node = o.optional("trainLimit");
        int trainLimit = node == null ? 0 : node.nonNegative(Integer.MAX_VALUE, " (0 = all)");
        int evaluations = TrainSpec.defaultEvaluations(steps);
        node = o.optional("evaluations");
        if (node != null) {
            evaluations = node.positive(Integer.MAX_VALUE);
            if (evaluations > steps) {
                throw node.error("must be at most steps (" + steps + "), got " + node.describe());
            }
        }
        return new TrainSpec(steps, batchSize, warmupSteps, seed, trainLimit, evaluations);
    }
}
