package org.optsearch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link RunData} as JSON: {@code {"format": "optsearch-report-runs/1", "runs": [...]}}, each run with the
 * fields of its records. Non-finite numbers are written as the strings "NaN", "Infinity" and "-Infinity"
 * (a failed fitness is negative infinity), and read back the same way.
 */
public final class RunDataJson {
    /** The value of the "format" field. */
    public static final String FORMAT = "optsearch-report-runs/1";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RunDataJson() {
    }

    private record Document(String format, List<RunData> runs) {
    }

    public static String toJson(List<RunData> runs) {
        try {
            return MAPPER.writeValueAsString(new Document(FORMAT, runs));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the text is not JSON of this format, saying where and what */
    public static List<RunData> fromJson(String json) {
        Document d;
        try {
            d = MAPPER.readValue(json, new TypeReference<Document>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a run-data document: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""), e);
        }
        if (!FORMAT.equals(d.format())) {
            throw new IllegalArgumentException("unknown run-data format '" + d.format() + "'; expected '" + FORMAT
                    + "'");
        }
        return d.runs() == null ? List.of() : List.copyOf(d.runs());
    }

    public static void write(List<RunData> runs, Path file) throws IOException {
        Files.writeString(file, toJson(runs), StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the file is not a run-data document; the message names the file */
    public static List<RunData> read(Path file) throws IOException {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
