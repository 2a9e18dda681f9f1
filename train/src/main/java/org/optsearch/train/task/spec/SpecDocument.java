package org.optsearch.train.task.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.optsearch.train.task.spec.TaskSpecs.Format;

/**
 * A task file parsed into a JSON tree, with the line:column of every value and key by JSON path.
 * One streaming pass builds both, so that errors found while walking the tree can say where.
 * Syntax errors, duplicate keys, YAML aliases and a second document are reported here.
 */
final class SpecDocument {

    /** A 1-based line and column. */
    record Location(int line, int column) {
        static final Location UNKNOWN = new Location(0, 0);
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final JsonFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SOURCE_REF = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String fileName;
    private final JsonNode root;
    private final Map<String, Location> valueLocations;
    private final Map<String, Location> keyLocations;
    private final Map<String, String> numberTexts;

    private SpecDocument(String fileName, JsonNode root, Map<String, Location> valueLocations,
            Map<String, Location> keyLocations, Map<String, String> numberTexts) {
        this.fileName = fileName;
        this.root = root;
        this.valueLocations = valueLocations;
        this.keyLocations = keyLocations;
        this.numberTexts = numberTexts;
    }

    String fileName() {
        return fileName;
    }

    /** The top-level value, never null: an empty document is an error. */
    SpecNode root() {
        return new SpecNode(this, root, "$");
    }

    Location valueLocation(String path) {
        return valueLocations.getOrDefault(path, Location.UNKNOWN);
    }

    Location keyLocation(String path) {
        return keyLocations.getOrDefault(path, Location.UNKNOWN);
    }

    /** The number at {@code path} as written in the file ({@code 1e3}, not {@code 1000.0}). */
    String numberText(String path, JsonNode node) {
        return numberTexts.getOrDefault(path, node.asText());
    }

    TaskSpecException error(String path, Location at, String problem) {
        return new TaskSpecException(fileName, path, at.line(), at.column(), problem);
    }

    /** The path of member {@code key} of the object at {@code parent}: {@code $.a.b}, or {@code $.a['odd key']}. */
    static String child(String parent, String key) {
        if (IDENTIFIER.matcher(key).matches()) {
            return parent + "." + key;
        }
        return parent + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    private static final class Frame {
        final String path;
        final JsonNode node;
        final Set<String> keys = new HashSet<>();
        String pendingKey;
        int nextIndex;

        Frame(String path, JsonNode node) {
            this.path = path;
            this.node = node;
        }
    }

    static SpecDocument parse(String text, Format format, String fileName) {
        Map<String, Location> values = new HashMap<>();
        Map<String, Location> keys = new HashMap<>();
        Map<String, String> numbers = new HashMap<>();
        String language = format == Format.JSON ? "JSON" : "YAML";
        JsonNode root = null;
        try (JsonParser p = (format == Format.JSON ? JSON : YAML).createParser(text)) {
            Deque<Frame> stack = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Location at = location(p.currentTokenLocation());
                if (root != null && stack.isEmpty()) {
                    throw new TaskSpecException(fileName, null, at.line(), at.column(), format == Format.JSON
                            ? "unexpected content after the top-level object; a task file holds one object"
                            : "a second YAML document; a task file holds one");
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    continue;
                }
                Frame parent = stack.peek();
                if (t == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String path = child(parent.path, key);
                    if (!parent.keys.add(key)) {
                        throw new TaskSpecException(fileName, parent.path, at.line(), at.column(),
                                "duplicate key '" + key + "'");
                    }
                    keys.put(path, at);
                    parent.pendingKey = key;
                    continue;
                }
                if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
                    throw new TaskSpecException(fileName, null, at.line(), at.column(),
                            "YAML aliases (*" + p.getText() + ") are not supported; write the value out");
                }
                String path = parent == null ? "$"
                        : parent.node.isArray() ? parent.path + "[" + parent.nextIndex++ + "]"
                        : child(parent.path, parent.pendingKey);
                JsonNode node = value(t, p, fileName, at);
                if (t.isNumeric()) {
                    numbers.put(path, p.getText());
                }
                values.put(path, at);
                if (parent == null) {
                    root = node;
                } else if (parent.node instanceof ArrayNode array) {
                    array.add(node);
                } else {
                    ((ObjectNode) parent.node).set(parent.pendingKey, node);
                }
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    stack.push(new Frame(path, node));
                }
            }
        } catch (JacksonException e) {
            throw syntaxError(fileName, language, e);
        } catch (IOException e) {
            throw new TaskSpecException(fileName, null, 0, 0, "cannot parse " + language + ": " + e.getMessage(), e);
        }
        if (root == null) {
            throw new TaskSpecException(fileName, null, 0, 0,
                    "the file is empty; a task file is an object with keys name, model, data, train");
        }
        return new SpecDocument(fileName, root, values, keys, numbers);
    }

    private static JsonNode value(JsonToken t, JsonParser p, String fileName, Location at) throws IOException {
        return switch (t) {
            case START_OBJECT -> NODES.objectNode();
            case START_ARRAY -> NODES.arrayNode();
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new TaskSpecException(fileName, null, at.line(), at.column(),
                    "unsupported value (" + t + "); use a string, number, list or map");
        };
    }

    private static Location location(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? Location.UNKNOWN : new Location(l.getLineNr(), Math.max(l.getColumnNr(), 1));
    }

    /** Jackson's (or SnakeYAML's) complaint as one friendly line at the place it names. */
    private static TaskSpecException syntaxError(String fileName, String language, JacksonException e) {
        Location at = location(e.getLocation());
        String problem;
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblem() != null) {
            problem = y.getProblem();
            if (y.getProblemMark() != null) {
                at = new Location(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1);
            }
            if (y.getContext() != null) {
                problem += " (" + y.getContext()
                        + (y.getContextMark() != null
                                ? " at " + (y.getContextMark().getLine() + 1) + ":" + (y.getContextMark().getColumn() + 1)
                                : "")
                        + ")";
            }
        } else {
            String original = e.getOriginalMessage();
            problem = original == null ? e.getClass().getSimpleName() : original;
            problem = SOURCE_REF.matcher(problem).replaceAll("$1:$2")
                    .replaceAll("end-of-input(?=[A-Za-z])", "end-of-input: "); // Jackson's "end-of-inputNo digit"
        }
        problem = problem.replaceAll("\\s+", " ").strip();
        if (!problem.isEmpty()) {
            problem = problem.substring(0, 1).toLowerCase(Locale.ROOT) + problem.substring(1);
        }
        return new TaskSpecException(fileName, null, at.line(), at.column(), "malformed " + language + ": " + problem, e);
    }
}
