package org.optsearch.train.task.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the column lists of {@code csv} data: {@code drop} and {@code categorical}. */
final class CsvColumns {

    private static final Pattern INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private CsvColumns() {
    }

    /** {@code drop: [id, 3]}: columns by name or index, each once, not the label. */
    static List<LabelColumn> drop(SpecNode node, boolean header, LabelColumn label) {
        List<LabelColumn> drop = new ArrayList<>();
        if (node == null) {
            return drop;
        }
        for (SpecNode element : node.elements(header ? "[\"id\"] or [0]" : "[0, 3]")) {
            LabelColumn column = SpecReader.column(element, header);
            if (column.equals(label)) {
                throw element.error("is the label column ($.data.label); it cannot be dropped");
            }
            if (drop.contains(column)) {
                throw element.error("lists " + element.describe() + " a second time");
            }
            drop.add(column);
        }
        return drop;
    }

    /**
     * {@code categorical: {color: onehot, size: ordinal}}: keys are header names, or without a
     * header 0-based indexes written as strings ({@code "3": onehot}); values are encodings.
     */
    static Map<LabelColumn, DataSpec.Csv.Encoding> categorical(SpecNode node, boolean header, LabelColumn label,
            List<LabelColumn> drop) {
        SpecObject o = node.object(header ? "an object of columns and encodings, e.g. {color: onehot}"
                : "an object of column indexes and encodings, e.g. {\"3\": onehot}");
        Map<LabelColumn, DataSpec.Csv.Encoding> encodings = new LinkedHashMap<>();
        for (String key : o.keys()) {
            LabelColumn column;
            if (header) {
                if (key.isEmpty()) {
                    throw o.keyError(key, "a column name must not be empty");
                }
                column = LabelColumn.named(key);
            } else if (INDEX.matcher(key).matches()) {
                column = LabelColumn.index(Integer.parseInt(key));
            } else {
                throw o.keyError(key, "must be a 0-based column index such as \"3\" (the file has no header:"
                        + " header is false), got " + SpecNode.quote(key));
            }
            if (column.equals(label)) {
                throw o.keyError(key, "is the label column ($.data.label); its classes need no encoding");
            }
            if (drop.contains(column)) {
                throw o.keyError(key, "is dropped ($.data.drop); it cannot also be categorical");
            }
            encodings.put(column, o.optional(key).oneOf(DataSpec.Csv.Encoding.class));
        }
        return encodings;
    }
}
