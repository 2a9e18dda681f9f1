package org.optsearch.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets file: per workload the target value of its metric, its step budget, and how the tuned
 * baselines did, with the provenance of the run that made it. Format {@value #FORMAT}; written by
 * {@link TargetSetting}, read by the scorer.
 */
public record Targets(Provenance provenance, Map<String, Entry> workloads) {
    public static final String FORMAT = "optsearch-suite-targets/1";
    /** Where the targets that ship with the suite live, on the class path. */
    public static final String RESOURCE = "targets.json";

    public Targets {
        workloads = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(workloads));
    }

    /** How the targets were made: the command, the source commit, the date, the JDK and the protocol. */
    public record Provenance(String command, String commit, String date, String jdk, int trials, int seeds,
            long studySeed, String note) {
    }

    /**
     * @param stepsNeeded the median over seeds of the steps the target-setting configuration needed
     * @param seedBest    the best validation value of each seed of the target-setting configuration
     * @param baselines   per baseline id: its tuned configuration and its steps to target at the budget
     */
    public record Entry(Metric metric, double target, int budget, int evalInterval, int tuningSteps, String setBy,
            int stepsNeeded, List<Double> seedBest, Map<String, BaselineResult> baselines) {
        public Entry {
            seedBest = List.copyOf(seedBest);
            baselines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
        }

        /** Whether any baseline reached the target with any seed at the budget. */
        public boolean reachedByABaseline() {
            return baselines.values().stream().anyMatch(b -> b.steps().stream().anyMatch(s -> s != Measurement.MISS));
        }
    }

    /**
     * @param trialBest the best validation value of its best trial at the tuning steps
     * @param steps     steps to target per seed at the budget ({@link Measurement#MISS} for a miss)
     */
    public record BaselineResult(Map<String, Double> hyperparameters, double warmupFraction, double trialBest,
            List<Integer> steps) {
        public BaselineResult {
            hyperparameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
            steps = List.copyOf(steps);
        }

        /** Steps per seed as doubles, misses as positive infinity. */
        public double[] stepsOrInfinity() {
            return steps.stream().mapToDouble(s -> s == Measurement.MISS ? Double.POSITIVE_INFINITY : s).toArray();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.set("provenance", JSON.valueToTree(provenance));
        ObjectNode ws = root.putObject("workloads");
        for (Map.Entry<String, Entry> e : workloads.entrySet()) {
            ws.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, toJson());
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The targets that ship with the suite, or null when none do yet. */
    public static Targets shipped() {
        try (InputStream in = Targets.class.getResourceAsStream(RESOURCE)) {
            return in == null ? null : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in " + RESOURCE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the built-in targets: " + e.getMessage(), e);
        }
    }

    public static Targets read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the targets file (" + e.getMessage() + ")");
        }
    }

    /** Parses a targets file; {@code source} names it in messages. */
    public static Targets parse(String text, String source) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw new IllegalArgumentException(source + ": not a targets file of format " + FORMAT
                        + "; regenerate it with 'optsearch score targets'");
            }
            Provenance provenance = JSON.treeToValue(root.get("provenance"), Provenance.class);
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("workloads").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                entries.put(e.getKey(), JSON.treeToValue(e.getValue(), Entry.class));
            }
            return new Targets(provenance, entries);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": malformed targets file: " + e.getOriginalMessage()
                    + "; regenerate it with 'optsearch score targets'");
        }
    }

    /** The same targets with some entries added or replaced. */
    public Targets with(Map<String, Entry> more) {
        Map<String, Entry> all = new LinkedHashMap<>(workloads);
        all.putAll(more);
        return new Targets(provenance, all);
    }

    static List<Integer> steps(List<Measurement> runs) {
        List<Integer> out = new ArrayList<>();
        for (Measurement m : runs) {
            out.add(m.reachedAt());
        }
        return out;
    }

}
