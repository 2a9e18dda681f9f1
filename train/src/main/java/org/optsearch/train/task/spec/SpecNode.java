package org.optsearch.train.task.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A value of a task document with its JSON path: reads it as the schema expects, or throws a
 * {@link TaskSpecException} that names the path, the file's line:column, and what was expected.
 */
final class SpecNode {

    private static final int MAX_SHOWN = 40;

    private final SpecDocument doc;
    private final JsonNode node;
    private final String path;

    SpecNode(SpecDocument doc, JsonNode node, String path) {
        this.doc = doc;
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    /** An error about this value, at its location. */
    TaskSpecException error(String problem) {
        return doc.error(path, doc.valueLocation(path), problem);
    }

    /** This value as an object whose keys are read one by one. */
    SpecObject object() {
        return object("an object");
    }

    /** As {@link #object()}; {@code expected} describes it in the error, e.g. {@code "an object with keys a, b"}. */
    SpecObject object(String expected) {
        if (!node.isObject()) {
            throw error("must be " + expected + ", got " + describe());
        }
        return new SpecObject(doc, node, path);
    }

    /** The elements of this array. */
    List<SpecNode> elements(String example) {
        if (!node.isArray()) {
            throw error("must be a list, e.g. " + example + ", got " + describe());
        }
        List<SpecNode> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(new SpecNode(doc, node.get(i), path + "[" + i + "]"));
        }
        return out;
    }

    /** Whether this value is a string (rather than a number, list, ...). */
    boolean isString() {
        return node.isTextual();
    }

    String string() {
        if (!node.isTextual()) {
            throw error("must be a string, got " + describe());
        }
        return node.textValue();
    }

    /** {@code true} or {@code false}. */
    boolean bool() {
        if (!node.isBoolean()) {
            throw error("must be true or false, got " + describe());
        }
        return node.booleanValue();
    }

    /** An integer in 1..max: {@code must be a positive integer, got -3}. */
    int positive(int max) {
        return (int) integer(1, max, "a positive integer");
    }

    /** An integer in 0..max: {@code must be an integer >= 0, got -1}. */
    int nonNegative(int max, String note) {
        return (int) integer(0, max, "an integer >= 0" + note);
    }

    /** Any integer that fits in a long. */
    long anyLong() {
        return integer(Long.MIN_VALUE, Long.MAX_VALUE, "an integer");
    }

    private long integer(long min, long max, String expected) {
        BigInteger value = exactInteger();
        if (value == null) {
            throw error("must be " + expected + ", got " + describe());
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            throw error("must be " + expected + ", got " + describe());
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error("must be at most " + max + ", got " + describe());
        }
        return value.longValueExact();
    }

    /** The integer value of an integral number ({@code 1000}, also {@code 1e3}), else null. */
    private BigInteger exactInteger() {
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isFloatingPointNumber() && Double.isFinite(node.doubleValue())) {
            BigDecimal d = node.decimalValue();
            try {
                return d.toBigIntegerExact();
            } catch (ArithmeticException notIntegral) {
                return null;
            }
        }
        return null;
    }

    /** A number in (0, max], as the validation fractions need. */
    double fraction(double max) {
        String expected = "a number in (0, " + max + "]";
        if (!node.isNumber()) {
            throw error("must be " + expected + ", got " + describe());
        }
        double v = node.doubleValue();
        if (!(v > 0 && v <= max)) {
            throw error("must be " + expected + ", got " + describe());
        }
        return v;
    }

    /** One of the enum's constants, named in lower case: {@code must be one of idx, text, csv, got 'tsv'}. */
    <E extends Enum<E>> E oneOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        if (node.isTextual()) {
            for (E e : constants) {
                if (key(e).equals(node.textValue())) {
                    return e;
                }
            }
        }
        throw error("must be one of " + keys(type) + ", got "
                + (node.isTextual() ? quote(node.textValue()) : describe()));
    }

    /** A path, resolved against {@code baseDir} and normalized; not checked for existence. */
    Path path(Path baseDir) {
        String text = string();
        if (text.isBlank()) {
            throw error("must be a non-empty path, got " + quote(text));
        }
        try {
            return baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw error("not a valid path (" + e.getReason() + "): " + quote(text));
        }
    }

    /** The value as the error messages show it: {@code -3}, {@code 'tsv'}, {@code string '600'}, {@code a list}. */
    String describe() {
        if (node.isNumber()) {
            return doc.numberText(path, node);
        }
        if (node.isTextual()) {
            return "string " + quote(node.textValue());
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "an object" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    static String quote(String s) {
        String shown = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    static String key(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> String keys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SpecNode::key).collect(Collectors.joining(", "));
    }
}
