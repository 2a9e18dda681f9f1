package org.optsearch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code optsearch bench ...}: quick wall-clock measurements; the JMH module is for careful ones. */
@Command(name = "bench",
        header = "Quick wall-clock benchmarks (bench step).",
        mixinStandardHelpOptions = true,
        description = "Quick single-run benchmarks. For statistically careful numbers use the JMH module (bench/).",
        subcommands = {BenchStepCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // 'bench' without a subcommand names none: a usage error, with the list of subcommands.
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: try 'optsearch bench step'");
    }
}
