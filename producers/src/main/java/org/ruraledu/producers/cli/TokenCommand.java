package org.ruraledu.producers.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code token issue --school ID}: the gateway's per-school bearer tokens. */
@Command(name = "token", mixinStandardHelpOptions = true, subcommands = IssueTokenCommand.class,
        description = "Bearer tokens of the ingest gateway, one or more per school.")
public final class TokenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: token issue --school SCHOOL_ID");
    }
}
