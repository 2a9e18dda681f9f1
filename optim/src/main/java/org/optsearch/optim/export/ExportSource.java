package org.optsearch.optim.export;

import org.optsearch.lang.Analysis;
import org.optsearch.lang.Program;

/**
 * A valid program to export, with the text it was read from (kept in the output, comments included) and
 * its file name (named in the output).
 *
 * @param program  the parsed program; valid
 * @param text     the program's text as written
 * @param fileName the file name it came from, e.g. {@code lion.opt}
 */
public record ExportSource(Program program, String text, String fileName) {

    /**
     * @throws org.optsearch.lang.ProgramException when the program is not valid
     */
    public ExportSource {
        Analysis.of(program).requireValid();
        if (text == null || fileName == null) {
            throw new IllegalArgumentException("the text and the file name are required");
        }
    }

    /**
     * Parses and checks {@code text}.
     *
     * @throws org.optsearch.lang.ProgramException with the position of the first error
     */
    public static ExportSource parse(String fileName, String text) {
        return new ExportSource(Program.parse(text), text, fileName);
    }

    /** The file name without its directory and without {@code .opt}: {@code lion}. */
    public String baseName() {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return name.endsWith(".opt") ? name.substring(0, name.length() - 4) : name;
    }

    /** Whether the program declares the hyperparameter that holds the learning rate. */
    boolean hasLearningRateScale() {
        return program.hyperparameters().containsKey(Exporter.LEARNING_RATE_SCALE);
    }
}
