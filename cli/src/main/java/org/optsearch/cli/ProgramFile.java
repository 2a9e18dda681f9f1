package org.optsearch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.optsearch.lang.Analysis;
import org.optsearch.lang.Diagnostic;
import org.optsearch.lang.Program;
import org.optsearch.lang.ProgramException;

/**
 * One program file as the user named it: its text, and either the parsed program with its analysis or the
 * errors that stopped it. Reading never throws; a missing or unreadable file is an error without a position.
 *
 * @param name     the path as given on the command line, used in every message
 * @param text     the file's text, or null when it could not be read
 * @param program  the parsed program, or null when the text did not parse
 * @param analysis the analysis of {@code program}, or null
 * @param errors   empty exactly when the program is valid
 */
public record ProgramFile(String name, String text, Program program, Analysis analysis, List<Diagnostic> errors) {

    /** Far above any optimizer program; refuse before reading a huge file into memory. */
    static final long MAX_BYTES = 16L << 20;

    public ProgramFile {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Warnings of the analysis (only a program that parsed has any). */
    public List<Diagnostic> warnings() {
        return analysis == null ? List.of()
                : analysis.diagnostics().stream().filter(d -> !d.isError()).toList();
    }

    /**
     * The valid program in {@code path}; otherwise prints each error compiler-style to {@code err} and
     * throws a {@link CliException#reported()} (exit 2).
     */
    public static Program readValid(Path path, PrintWriter err) {
        ProgramFile file = read(path);
        if (!file.valid()) {
            for (Diagnostic d : file.errors()) {
                DiagnosticPrinter.print(err, file.name(), file.text(), d);
            }
            err.flush();
            throw CliException.reported();
        }
        return file.program();
    }

    public static ProgramFile read(Path path) {
        String name = path.toString();
        String text;
        try {
            text = readText(path);
        } catch (IOException e) {
            return new ProgramFile(name, null, null, null, List.of(positionless(readFailure(path, e))));
        }
        Program program;
        try {
            program = Program.parse(text);
        } catch (ProgramException e) {
            return new ProgramFile(name, text, null, null, e.diagnostics());
        }
        Analysis analysis = Analysis.of(program);
        return new ProgramFile(name, text, program, analysis, analysis.errors());
    }

    private static String readText(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory, not a program file");
        }
        if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
            throw new IOException("file is too large to be a program (" + Files.size(path) + " bytes; the limit is "
                    + MAX_BYTES + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(path)) { // bounded: /dev/zero or a pipe has no size to check
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException("file is too large to be a program (more than " + MAX_BYTES + " bytes; the limit is "
                    + MAX_BYTES + ")");
        }
        String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString(); // strict UTF-8
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String readFailure(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "cannot read program: no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read program: permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "cannot read program: not UTF-8 text";
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "cannot read program: " + why.replace(path.toString() + ": ", "");
    }

    private static Diagnostic positionless(String message) {
        return new Diagnostic(Diagnostic.Severity.ERROR, 0, 0, message);
    }
}
