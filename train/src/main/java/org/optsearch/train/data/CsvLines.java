package org.optsearch.train.data;

import java.util.ArrayList;
import java.util.List;

/** Splits CSV text into numbered lines of trimmed fields; quoted fields may hold commas and {@code ""}. */
final class CsvLines {

    private CsvLines() {
    }

    /** The non-blank lines of {@code text}, numbered from 1 as in the file. */
    static List<Csv.Line> split(String name, String text) {
        List<Csv.Line> lines = new ArrayList<>();
        int number = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isBlank()) {
                lines.add(new Csv.Line(number, fields(name, number, line)));
            }
            start = end + 1;
        }
        return lines;
    }

    private static List<String> fields(String name, int number, String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '"') {
                int open = i++;
                while (true) {
                    if (i >= line.length()) {
                        throw new DataException(name + ":" + number + ": unterminated quoted field starting at column "
                                + (open + 1) + " (a quoted field must end on its line)");
                    }
                    char ch = line.charAt(i++);
                    if (ch != '"') {
                        field.append(ch);
                    } else if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < line.length() && line.charAt(i) != ',') {
                    if (!Character.isWhitespace(line.charAt(i))) {
                        throw new DataException(name + ":" + number + ": text after a closing quote at column " + (i + 1));
                    }
                    i++;
                }
                fields.add(field.toString());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? line.length() : comma;
                fields.add(line.substring(i, end).strip());
                i = end;
            }
            field.setLength(0);
            if (i >= line.length()) {
                return fields;
            }
            i++; // the comma
        }
    }
}
