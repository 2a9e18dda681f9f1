package org.optsearch.optim.export;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The JSON that the Python harnesses read: written by hand, since the optim module has no JSON library. */
final class Manifest {
    private Manifest() {
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String number(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("JSON has no " + d);
        }
        return Double.toString(d);
    }

    static String strings(List<String> list) {
        return list.stream().map(Manifest::string).collect(Collectors.joining(", ", "[", "]"));
    }

    static String numbers(double[] values) {
        if (values == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i > 0 ? ", " : "").append(number(values[i]));
        }
        return sb.append(']').toString();
    }

    static String object(Map<String, Double> values) {
        return values.entrySet().stream().map(e -> string(e.getKey()) + ": " + number(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static String shapes() {
        StringBuilder sb = new StringBuilder("[");
        for (int t = 0; t < Problem.SHAPES.length; t++) {
            sb.append(t > 0 ? ", " : "").append('[');
            for (int d = 0; d < Problem.SHAPES[t].length; d++) {
                sb.append(d > 0 ? ", " : "").append(Problem.SHAPES[t][d]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
