package org.ruraledu.launcher;

import org.ruraledu.producers.cli.AlertsCommand;
import org.ruraledu.producers.cli.CliErrors;
import org.ruraledu.producers.cli.GatewayCommand;
import org.ruraledu.producers.cli.SubmitCommand;
import org.ruraledu.producers.cli.TokenCommand;
import org.ruraledu.producers.simulator.SimulateCommand;
import org.ruraledu.serde.AvroTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one launcher: {@code ruraledu <command>}. Every command exits non-zero with a one-line reason. */
@Command(name = "ruraledu", mixinStandardHelpOptions = true, version = "ruraledu 0.1.0",
        description = "Rural education revitalization pioneer zone (乡村教育振兴先行区): school reports to KPIs and alerts.",
        subcommands = {RunCommand.class, StreamsCommand.class, GatewayCommand.class, SubmitCommand.class,
            TokenCommand.class, SimulateCommand.class, AlertsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line and returns its exit code (for tests, which must not exit the JVM). */
    public static int execute(String... args) {
        AvroTrust.ensureInstalled();
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(Main.class));
    }
}
