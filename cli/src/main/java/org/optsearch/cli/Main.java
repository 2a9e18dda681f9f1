package org.optsearch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code optsearch} command. Each subcommand lives in its own class; this one only wires them and
 * decides how failures reach the user: a usage error prints picocli's message, any suggestion and the
 * usage (exit 2); a {@link CliException} prints its message (its exit code); anything else is a bug and
 * keeps its trace.
 */
@Command(name = "optsearch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Discovers optimizer update rules by searching over small programs (Chen et al. 2023, "
                    + "\"Symbolic Discovery of Optimization Algorithms\").",
            ""
        },
        subcommands = {SearchCommand.class, RunsCommand.class, ReportCommand.class, SimplifyCommand.class, CheckCommand.class, ExportCommand.class, TrainCommand.class, CompareCommand.class, TuneCommand.class, ScoreCommand.class, BenchCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footerHeading = "%n",
        footer = {"Exit codes: 0 success, 1 internal error, 2 invalid input or usage.",
            "Run 'optsearch help COMMAND' for the options of a command."})
public final class Main implements Runnable {

    /** Exit code for invalid programs, unreadable files and bad command lines (picocli's usage code). */
    public static final int EXIT_INVALID = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The configured command line writing to {@code out} and {@code err}; tests call {@code execute} on it. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionStrategy(Main::execute);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException user) {
                if (user.getMessage() != null) {
                    commandLine.getErr().println("optsearch: " + user.getMessage());
                }
                commandLine.getErr().flush();
                return user.exitCode();
            }
            throw ex;
        });
        return cl;
    }

    /** An unknown command is an error even with --help ('optsearch wrker --help'), which picocli would accept. */
    private static int execute(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (!p.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** picocli's message, its "did you mean" suggestions if any, then the usage of the command; exit 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        err.println(cmd.getColorScheme().errorText(message));
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println();
        cmd.usage(err, cmd.getColorScheme());
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        // 'optsearch' alone: show what there is to do.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
