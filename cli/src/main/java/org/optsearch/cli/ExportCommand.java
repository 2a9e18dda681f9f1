package org.optsearch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.optsearch.lang.Diagnostic;
import org.optsearch.optim.export.ClassNames;
import org.optsearch.optim.export.ExportSource;
import org.optsearch.optim.export.ExportTarget;
import org.optsearch.optim.export.Exporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code optsearch export PROGRAM --to pytorch|optax|java}: a program as source code for another framework. */
@Command(name = "export",
        header = "Write a program as a PyTorch optimizer, an optax transformation or a Java class.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Writes readable source that computes what the program computes (docs/export.md): a "
                    + "torch.optim.Optimizer subclass, a function returning an optax.GradientTransformation, or a "
                    + "Java class that builds this library's optimizer for the program. Hyperparameters become "
                    + "keyword arguments with the program's defaults; when the program declares lr_scale, the "
                    + "framework's learning rate is lr_scale and the program's lr input is 1.0.",
            "Errors in the program go to stderr as FILE:LINE:COL: message, with the source line and a caret."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:the program is invalid or unreadable, the class name is not allowed, the "
                + "output cannot be written, or bad usage"})
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The program file (.opt).")
    private Path program;

    @Option(names = "--to", required = true, paramLabel = "TARGET", converter = TargetConverter.class,
            completionCandidates = Targets.class, description = "What to write: ${COMPLETION-CANDIDATES}.")
    private ExportTarget target;

    @Option(names = "--class-name", paramLabel = "NAME", description = "The class to generate (for optax: NAMEState, "
            + "and the function in snake_case). Default: the file name in CamelCase (lion.opt: Lion).")
    private String className;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ProgramFile file = ProgramFile.read(program);
        if (!file.valid()) {
            for (Diagnostic d : file.errors()) {
                DiagnosticPrinter.print(err, file.name(), file.text(), d);
            }
            err.flush();
            throw CliException.reported();
        }
        String fileName = program.getFileName().toString();
        String name = className != null ? className : ClassNames.fromFileName(fileName);
        try {
            ClassNames.check(name, target);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + (className == null
                    ? " (made from the file name " + fileName + "); choose one with --class-name" : ""));
        }
        String source = Exporter.export(new ExportSource(file.program(), file.text(), fileName), target, name);
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(source);
            o.flush();
            return 0;
        }
        write(source);
        if (target == ExportTarget.JAVA && !out.getFileName().toString().equals(name + ".java")) {
            // javac insists that a public class lives in a file of its name
            err.println("optsearch: warning: the public class " + name + " belongs in a file named " + name
                    + ".java, not " + out.getFileName());
            err.flush();
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println("exported " + program + " to " + out + " (" + target + ", " + name + ")");
        o.flush();
        return 0;
    }

    private void write(String source) {
        try {
            Files.writeString(out, source, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot write " + out + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new CliException("cannot write " + out + ": permission denied");
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new CliException("cannot write " + out + ": " + why.replace(out + ": ", ""));
        }
    }

    /** {@code --to} by name, case-insensitively; an unknown name lists the targets. */
    static final class TargetConverter implements CommandLine.ITypeConverter<ExportTarget> {
        @Override
        public ExportTarget convert(String value) {
            try {
                return ExportTarget.byId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The names of the targets, for the help text and shell completion. */
    static final class Targets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ExportTarget.values()).map(ExportTarget::id).iterator();
        }
    }
}
