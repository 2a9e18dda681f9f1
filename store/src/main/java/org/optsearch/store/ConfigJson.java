package org.optsearch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.optsearch.lang.Op;
import org.optsearch.lang.Program;
import org.optsearch.search.Budget;
import org.optsearch.search.Mode;
import org.optsearch.search.SearchConfig;
import org.optsearch.search.calibrate.Calibration;
import org.optsearch.search.mutate.MutationConfig;
import org.optsearch.search.mutate.MutationKind;

/**
 * A {@link SearchConfig} as canonical JSON: every field, in the record's order, the start program as its
 * canonical text, the budget as {@code 3m} or {@code 500-evals}, durations in ISO-8601 ({@code PT5M}),
 * functions by enum name ({@code ADD}, {@code SIGN}). {@link #read} gives the same config back.
 */
public final class ConfigJson {
    /**
     * What this version's fitness is computed from, written into every stored config: a run recorded by a
     * version that selected on something else cannot be resumed or replayed by this one.
     */
    public static final String FITNESS = "validation loss";
    /** The fitness of a stored config that does not say (versions before loss-based fitness). */
    public static final String OLD_FITNESS = "validation accuracy";

    /** What the stored config's fitness was computed from ({@link #OLD_FITNESS} when it does not say). */
    public static String fitness(String json) {
        JsonNode f = tree(json).get("fitness");
        return f == null || f.isNull() ? OLD_FITNESS : f.asText();
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {
    }

    /** The config as one line of JSON; equal configs give equal text. */
    public static String write(SearchConfig c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("mode", c.mode().name());
        o.put("populationSize", c.populationSize());
        o.put("tournamentSize", c.tournamentSize());
        o.put("budget", c.budget().toString());
        o.put("workers", c.workers());
        o.put("start", c.start().print());
        o.put("startName", c.startName());
        strings(o.putArray("stageA"), c.stageA());
        strings(o.putArray("stageB"), c.stageB());
        strings(o.putArray("stageC"), c.stageC());
        o.put("promoteFraction", c.promoteFraction());
        o.put("hurdleFactor", c.hurdleFactor());
        o.put("plateau", c.plateau());
        ObjectNode m = o.putObject("mutation");
        ObjectNode weights = m.putObject("weights");
        for (MutationKind kind : MutationKind.values()) {
            weights.put(kind.name(), c.mutation().weight(kind));
        }
        ArrayNode functions = m.putArray("functions");
        c.mutation().functions().forEach(op -> functions.add(op.name()));
        m.put("maxLength", c.mutation().maxLength());
        m.put("maxAttempts", c.mutation().maxAttempts());
        m.put("followLearningRate", c.mutation().followLearningRate());
        o.put("seed", c.seed());
        o.put("evaluationLimit", c.evaluationLimit().toString());
        o.put("randomStart", c.randomStart());
        plan(o.putObject("calibration"), c.calibration());
        o.put("confirm", c.confirm());
        plan(o.putObject("recalibration"), c.recalibration());
        o.put("fitness", FITNESS);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the search config as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The config that {@link #write} wrote.
     *
     * @throws StoreException naming the field that is missing or wrong
     */
    public static SearchConfig read(String json) {
        JsonNode o = tree(json);
        try {
            JsonNode m = field(o, "mutation");
            Map<MutationKind, Double> weights = new EnumMap<>(MutationKind.class);
            field(m, "weights").fields().forEachRemaining(e -> weights.put(MutationKind.valueOf(e.getKey()),
                    e.getValue().asDouble()));
            List<Op> functions = new ArrayList<>();
            field(m, "functions").forEach(f -> functions.add(Op.valueOf(f.asText())));
            // stores from before the rule searched the unconstrained space: a resume goes on as they did
            MutationConfig mutation = new MutationConfig(weights, functions, field(m, "maxLength").asInt(),
                    field(m, "maxAttempts").asInt(), m.has("followLearningRate")
                    && field(m, "followLearningRate").asBoolean());
            return new SearchConfig(Mode.valueOf(text(o, "mode")), field(o, "populationSize").asInt(),
                    field(o, "tournamentSize").asInt(), Budget.parse(text(o, "budget")), field(o, "workers").asInt(),
                    Program.parse(text(o, "start")), text(o, "startName"), strings(o, "stageA"), strings(o, "stageB"),
                    strings(o, "stageC"), field(o, "promoteFraction").asDouble(), field(o, "hurdleFactor").asDouble(),
                    field(o, "plateau").asInt(), mutation, field(o, "seed").asLong(),
                    Duration.parse(text(o, "evaluationLimit")), field(o, "randomStart").asBoolean(),
                    calibration(o, "calibration"), o.has("confirm") && field(o, "confirm").asBoolean(),
                    calibration(o, "recalibration"));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("the stored search config is not valid: " + e.getMessage(), e);
        }
    }

    private static void plan(ObjectNode cal, Calibration.Plan plan) {
        ArrayNode multipliers = cal.putArray("multipliers");
        plan.multipliers().forEach(multipliers::add);
        cal.put("rungs", plan.rungs());
    }

    /**
     * The calibration plan of {@code name}; a run stored before calibration (or recalibration on B and C)
     * existed had none (off).
     */
    private static Calibration.Plan calibration(JsonNode o, String name) {
        if (!o.has(name)) {
            return Calibration.Plan.off();
        }
        JsonNode cal = field(o, name);
        List<Double> multipliers = new ArrayList<>();
        field(cal, "multipliers").forEach(m -> multipliers.add(m.asDouble()));
        return new Calibration.Plan(multipliers, field(cal, "rungs").asInt());
    }

    /** The parsed JSON tree. */
    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored search config is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode field(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) {
            throw new StoreException("the stored search config lacks the field '" + name + "'");
        }
        return v;
    }

    private static String text(JsonNode o, String name) {
        return field(o, name).asText();
    }

    private static List<String> strings(JsonNode o, String name) {
        List<String> out = new ArrayList<>();
        field(o, name).forEach(s -> out.add(s.asText()));
        return out;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
