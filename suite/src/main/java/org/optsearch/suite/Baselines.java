package org.optsearch.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.optsearch.lang.Program;

/**
 * The four baselines the targets are set with, as programs of the language, each with its workload-agnostic
 * search space (both shipped in this module's resources, {@code org/optsearch/suite/baselines/}).
 */
public enum Baselines {
    ADAMW("adamw", "adamw.opt", "adam-family.json"),
    NADAMW("nadamw", "nadamw.opt", "adam-family.json"),
    SGD_NESTEROV("sgd-nesterov", "sgd_nesterov.opt", "sgd-family.json"),
    SGD_HEAVY_BALL("sgd-heavy-ball", "sgd_heavy_ball.opt", "sgd-family.json");

    private final String id;
    private final String programFile;
    private final String spaceFile;

    Baselines(String id, String programFile, String spaceFile) {
        this.id = id;
        this.programFile = programFile;
        this.spaceFile = spaceFile;
    }

    public String id() {
        return id;
    }

    /** The baseline at its default constants. */
    public Program program() {
        return Program.parse(resource(programFile));
    }

    public SearchSpace space() {
        return SearchSpace.parse(resource(spaceFile), false, "baselines/" + spaceFile);
    }

    /** The baseline with this id. */
    public static Baselines byId(String id) {
        for (Baselines b : values()) {
            if (b.id.equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown baseline '" + id + "'; known: "
                + String.join(", ", List.of(values()).stream().map(Baselines::id).toList()));
    }

    private static String resource(String name) {
        try (InputStream in = Baselines.class.getResourceAsStream("baselines/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/optsearch/suite/baselines/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
