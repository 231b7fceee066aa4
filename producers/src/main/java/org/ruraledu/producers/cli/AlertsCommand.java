package org.ruraledu.producers.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code alerts tail}: the bureau's alerts on the command line. */
@Command(name = "alerts", mixinStandardHelpOptions = true, subcommands = AlertsTailCommand.class,
        description = "Alerts of ruraledu.alerts.v1.")
public final class AlertsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: alerts tail");
    }
}
