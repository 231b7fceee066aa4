package org.ruraledu.producers.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ruraledu.producers.cli.CliErrors;
import picocli.CommandLine;

/** Runs one command as the launcher would (with {@link CliErrors}), capturing what it prints. */
public final class Cli {
    public record Run(int exitCode, String out, String err) {}

    private Cli() {}

    public static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(command));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
