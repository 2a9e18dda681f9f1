package org.optsearch.suite;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.lang.StepScale;
import org.optsearch.train.run.Halton;

/**
 * A box of hyperparameters to tune over, read from a JSON or YAML file:
 *
 * <pre>{@code
 * {"parameters": {
 *   "lr_scale": {"min": 1e-4, "max": 3e-2, "scale": "log"},
 *   "beta1":    {"min": 0.02, "max": 0.3,  "scale": "log", "sample": "one-minus"},
 *   "warmup":   {"min": 0.02, "max": 0.2,  "scale": "linear"}}}
 * }</pre>
 *
 * <p>Each parameter is a hyperparameter the program declares, {@value #WARMUP} (the warm-up fraction of
 * the schedule) or {@value #STEP_SCALE} (a factor on the program's update, folded in as a constant: the
 * step size of a program that declares no learning-rate hyperparameter, such as a search's result, and
 * the same knob for every program). {@code sample: one-minus} draws {@code 1 - value} in {@code [min, max]}
 * (for momentum terms: {@code 1 - beta1}). Trial {@code i} of a study with seed {@code s} is point {@code i} of a
 * {@link Halton} sequence rotated by {@code s}, mapped into the box: the same seed gives the same trials.
 */
public record SearchSpace(String source, List<Parameter> parameters) {
    /** The name of the schedule's warm-up fraction in a search space. */
    public static final String WARMUP = "warmup";
    /** The warm-up fraction when a space does not set one: 5% of the steps, as the built-in tasks. */
    public static final double DEFAULT_WARMUP = 0.05;
    /** The name of a factor on the program's update in a search space (1: the program as written). */
    public static final String STEP_SCALE = "step_scale";

    /** How a parameter's range is walked. */
    public enum Scale { LOG, LINEAR }

    /** One dimension of the box. */
    public record Parameter(String name, double min, double max, Scale scale, boolean oneMinus) {
        double at(double u) {
            double v = scale == Scale.LOG ? Halton.logScale(u, min, max) : Halton.linearScale(u, min, max);
            return oneMinus ? 1 - v : v;
        }
    }

    /** One trial: hyperparameter values for the program, the warm-up fraction and the factor on the update. */
    public record Trial(int index, Map<String, Double> hyperparameters, double warmupFraction, double stepScale) {
        public Trial {
            hyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        }

        /** {@code program} as this trial trains it: its hyperparameters set, its update scaled. */
        public Program apply(Program program) {
            return StepScale.fold(program.withHyperparameters(hyperparameters), stepScale);
        }
    }

    public SearchSpace {
        parameters = List.copyOf(parameters);
    }

    /** Trials {@code 0..n-1} of the study with seed {@code seed}. */
    public List<Trial> trials(int n, long seed) {
        Halton halton = new Halton(parameters.size(), seed);
        List<Trial> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] u = halton.point(i);
            Map<String, Double> values = new LinkedHashMap<>();
            double warmup = DEFAULT_WARMUP;
            double stepScale = 1;
            for (int d = 0; d < parameters.size(); d++) {
                Parameter p = parameters.get(d);
                if (p.name().equals(WARMUP)) {
                    warmup = p.at(u[d]);
                } else if (p.name().equals(STEP_SCALE)) {
                    stepScale = p.at(u[d]);
                } else {
                    values.put(p.name(), p.at(u[d]));
                }
            }
            out.add(new Trial(i, values, warmup, stepScale));
        }
        return out;
    }

    /**
     * Checks that the program declares every parameter of the space other than {@value #WARMUP} and
     * {@value #STEP_SCALE}.
     *
     * @throws IllegalArgumentException naming the parameter, the closest declared one and the file
     */
    public void checkAgainst(Program program, String programName) {
        Set<String> declared = program.hyperparameters().keySet();
        for (Parameter p : parameters) {
            if (!p.name().equals(WARMUP) && !p.name().equals(STEP_SCALE) && !declared.contains(p.name())) {
                String close = Op.closest(p.name(), declared);
                throw new IllegalArgumentException(source + ": parameter '" + p.name() + "' is not a hyperparameter of "
                        + programName + (close != null ? "; did you mean '" + close + "'?" : ".")
                        + " It declares: " + (declared.isEmpty() ? "none" : String.join(", ", declared))
                        + "; '" + WARMUP + "' sets the warm-up fraction and '" + STEP_SCALE + "' a factor on the "
                        + "update, for any program");
            }
        }
    }

    /** Reads a space from a {@code .json}, {@code .yaml} or {@code .yml} file. */
    public static SearchSpace read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the search-space file ("
                    + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "") + ")");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return parse(text, lower.endsWith(".yaml") || lower.endsWith(".yml"), file.toString());
    }

    /** Parses a space; {@code source} names it in messages. */
    public static SearchSpace parse(String text, boolean yaml, String source) {
        ObjectMapper mapper = yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        mapper.enable(JsonParser.Feature.ALLOW_COMMENTS);
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new IllegalArgumentException(source + (at != null ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "")
                    + ": not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + ": a search space is an object with key 'parameters'");
        }
        allowOnly(root, source, "$", Set.of("parameters", "comment"));
        JsonNode params = root.get("parameters");
        if (params == null || !params.isObject() || params.isEmpty()) {
            throw new IllegalArgumentException(source + ": $.parameters: give an object of parameters, e.g. "
                    + "{\"lr_scale\": {\"min\": 1e-4, \"max\": 1e-2, \"scale\": \"log\"}}");
        }
        List<Parameter> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(parameter(e.getKey(), e.getValue(), source));
        }
        if (out.size() > 16) {
            throw new IllegalArgumentException(source + ": $.parameters: at most 16 parameters, got " + out.size());
        }
        return new SearchSpace(source, out);
    }

    private static Parameter parameter(String name, JsonNode node, String source) {
        String path = "$.parameters." + name;
        if (!node.isObject()) {
            throw new IllegalArgumentException(source + ": " + path + ": give an object with min, max and scale");
        }
        allowOnly(node, source, path, Set.of("min", "max", "scale", "sample"));
        double min = number(node, "min", source, path);
        double max = number(node, "max", source, path);
        JsonNode scaleNode = node.get("scale");
        if (scaleNode == null || !scaleNode.isTextual()) {
            throw new IllegalArgumentException(source + ": " + path + ".scale: give \"log\" or \"linear\"");
        }
        Scale scale;
        try {
            scale = Scale.valueOf(scaleNode.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + path + ".scale: must be \"log\" or \"linear\", got \""
                    + scaleNode.asText() + "\"");
        }
        boolean oneMinus = false;
        JsonNode sample = node.get("sample");
        if (sample != null) {
            if (!sample.isTextual() || !(sample.asText().equals("one-minus") || sample.asText().equals("value"))) {
                throw new IllegalArgumentException(source + ": " + path + ".sample: must be \"value\" or \"one-minus\", got "
                        + sample);
            }
            oneMinus = sample.asText().equals("one-minus");
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException(source + ": " + path + ": min (" + min + ") must be <= max (" + max + ")");
        }
        if (scale == Scale.LOG && !(min > 0)) {
            throw new IllegalArgumentException(source + ": " + path + ": a log scale needs min > 0, got " + min
                    + "; use \"scale\": \"linear\" for ranges that include 0");
        }
        if (name.equals(WARMUP) && (oneMinus || min < 0 || max >= 1)) {
            throw new IllegalArgumentException(source + ": " + path + ": the warm-up fraction must lie in [0, 1), got ["
                    + min + ", " + max + "]");
        }
        if (name.equals(STEP_SCALE) && (oneMinus || !(min > 0))) {
            throw new IllegalArgumentException(source + ": " + path + ": the factor on the update must be > 0 and is "
                    + "drawn as a value, e.g. {min: 0.1, max: 30, scale: log}; got [" + min + ", " + max + "]"
                    + (oneMinus ? " with sample: one-minus" : ""));
        }
        return new Parameter(name, min, max, scale, oneMinus);
    }

    private static double number(JsonNode node, String key, String source, String path) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(source + ": " + path + "." + key + ": give a finite number"
                    + (v == null ? "" : ", got " + v));
        }
        return v.asDouble();
    }

    private static void allowOnly(JsonNode node, String source, String path, Set<String> keys) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!keys.contains(k)) {
                String close = Op.closest(k, keys);
                throw new IllegalArgumentException(source + ": " + path + ": unknown key '" + k + "'"
                        + (close != null ? "; did you mean '" + close + "'?" : "") + " Known keys: "
                        + String.join(", ", keys.stream().sorted().toList()));
            }
        }
    }
}
