package org.optsearch.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished trainings of a long target-setting run, one JSON line each, so that a run that was stopped
 * resumes where it was: the first line names the work (protocol and workloads); a journal of other work is
 * set aside, never mixed in. A torn last line (a kill while writing) is ignored.
 */
public final class Journal implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Line(String key, Measurement m) {
    }

    private final Map<String, Measurement> done = new HashMap<>();
    private final BufferedWriter out;

    private Journal(BufferedWriter out) {
        this.out = out;
    }

    /** A journal that records nothing. */
    public static Journal none() {
        return new Journal(null);
    }

    /** Opens (or starts) the journal at {@code file} for the work described by {@code header}. */
    public static Journal open(Path file, String header) {
        try {
            Journal j;
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && lines.get(0).equals(header)) {
                    j = new Journal(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
                    byte[] bytes = Files.readAllBytes(file);
                    if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
                        j.out.newLine(); // end a torn line, so the next record starts on its own
                    }
                    for (String l : lines.subList(1, lines.size())) {
                        try {
                            Line line = JSON.readValue(l, Line.class);
                            j.done.put(line.key(), line.m());
                        } catch (JsonProcessingException e) {
                            // a torn line: that training runs again
                        }
                    }
                    return j;
                }
                Files.move(file, file.resolveSibling(file.getFileName() + ".old"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            j = new Journal(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            j.out.write(header);
            j.out.newLine();
            j.out.flush();
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Trainings already recorded. */
    public int size() {
        return done.size();
    }

    /** The recorded result of {@code key}, or null. */
    Measurement get(String key) {
        synchronized (done) {
            return done.get(key);
        }
    }

    /** Records a finished training (flushed at once). */
    void put(String key, Measurement m) {
        synchronized (done) {
            done.put(key, m);
            if (out == null) {
                return;
            }
            try {
                out.write(JSON.writeValueAsString(new Line(key, m)));
                out.newLine();
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The job that returns the recorded result of {@code key}, or runs and records it. */
    java.util.function.Supplier<Measurement> cached(String key, java.util.function.Supplier<Measurement> job) {
        return () -> {
            Measurement m = get(key);
            if (m == null) {
                m = job.get();
                put(key, m);
            }
            return m;
        };
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
