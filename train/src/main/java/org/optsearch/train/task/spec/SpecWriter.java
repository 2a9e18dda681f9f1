package org.optsearch.train.task.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The canonical JSON of a task: every key written, defaults included, in the schema's order. */
final class SpecWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("")
                    .withObjectEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter());

    private final Path baseDir;

    /** @param baseDir write paths relative to this folder; null to write them absolute */
    private SpecWriter(Path baseDir) {
        this.baseDir = baseDir == null ? null : baseDir.toAbsolutePath().normalize();
    }

    static String write(TaskSpec spec, Path baseDir) {
        ObjectNode root = new SpecWriter(baseDir).task(spec);
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of strings and numbers", e);
        }
    }

    private ObjectNode task(TaskSpec spec) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", spec.name());
        model(root.putObject("model"), spec.model());
        data(root.putObject("data"), spec.data());
        TrainSpec t = spec.train();
        root.putObject("train")
                .put("steps", t.steps())
                .put("batchSize", t.batchSize())
                .put("warmupSteps", t.warmupSteps())
                .put("seed", t.seed())
                .put("trainLimit", t.trainLimit())
                .put("evaluations", t.evaluations());
        return root;
    }

    private static void model(ObjectNode o, ModelSpec model) {
        o.put("type", model.type().key());
        if (model instanceof ModelSpec.Mlp m) {
            m.hidden().forEach(o.putArray("hidden")::add);
            o.put("activation", SpecNode.key(m.activation()));
        } else if (model instanceof ModelSpec.Vit v) {
            o.put("patch", v.patch()).put("dim", v.dim()).put("depth", v.depth()).put("heads", v.heads())
                    .put("pool", SpecNode.key(v.pool())).put("mlpRatio", v.mlpRatio());
        } else if (model instanceof ModelSpec.CharLm c) {
            o.put("context", c.context()).put("dim", c.dim()).put("depth", c.depth()).put("heads", c.heads())
                    .put("mlpRatio", c.mlpRatio());
        } else {
            throw new AssertionError(model);
        }
    }

    private void data(ObjectNode o, DataSpec data) {
        o.put("format", data.format().key());
        if (data instanceof DataSpec.Idx d) {
            o.put("trainImages", path(d.trainImages())).put("trainLabels", path(d.trainLabels()))
                    .put("testImages", path(d.testImages())).put("testLabels", path(d.testLabels()));
        } else if (data instanceof DataSpec.Text d) {
            o.put("path", path(d.path())).put("validationFraction", d.validationFraction());
        } else if (data instanceof DataSpec.Csv d) {
            o.put("path", path(d.path()));
            o.set("label", column(d.label()));
            o.put("kind", d.kind().key()).put("validationFraction", d.validationFraction());
            o.put("header", d.header());
            ArrayNode drop = o.putArray("drop");
            d.drop().forEach(c -> drop.add(column(c)));
            o.put("missing", SpecNode.key(d.missing()));
            ObjectNode categorical = o.putObject("categorical");
            d.categorical().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey(COLUMN_ORDER))
                    .forEach(e -> categorical.put(key(e.getKey()), SpecNode.key(e.getValue())));
        } else {
            throw new AssertionError(data);
        }
    }

    /** Indexes in order, then names in order. */
    private static final Comparator<LabelColumn> COLUMN_ORDER = Comparator
            .comparing((LabelColumn c) -> c instanceof LabelColumn.ByName)
            .thenComparing(c -> c instanceof LabelColumn.ByIndex i ? i.index() : 0)
            .thenComparing(SpecWriter::key);

    private static JsonNode column(LabelColumn c) {
        return c instanceof LabelColumn.ByName n ? MAPPER.getNodeFactory().textNode(n.name())
                : MAPPER.getNodeFactory().numberNode(((LabelColumn.ByIndex) c).index());
    }

    /** A column as a key of {@code categorical}: its name, or its index as text. */
    private static String key(LabelColumn c) {
        return c instanceof LabelColumn.ByName n ? n.name() : Integer.toString(((LabelColumn.ByIndex) c).index());
    }

    /** Absolute, or relative to the base folder with {@code /} separators (. for the folder itself). */
    private String path(Path p) {
        if (baseDir == null || p.getRoot() == null || !p.getRoot().equals(baseDir.getRoot())) {
            return p.toString();
        }
        Path relative = baseDir.relativize(p);
        List<String> parts = new ArrayList<>();
        for (Path part : relative) {
            if (!part.toString().isEmpty()) {
                parts.add(part.toString());
            }
        }
        return parts.isEmpty() ? "." : String.join("/", parts);
    }
}
