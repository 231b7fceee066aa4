package org.ruraledu.producers.cli;

import org.ruraledu.producers.client.KafkaSendException;
import org.ruraledu.records.StudentRefs;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure of a command into one line on stderr and a non-zero exit code (contract: "exits non-zero
 * with a one-line reason"): 1 when the command ran and failed, 2 when its arguments were wrong. Stack traces
 * go nowhere near the user; set {@code RURALEDU_DEBUG=true} to see them.
 *
 * <pre>
 * CommandLine cli = new CommandLine(new Top()).addSubcommand(new SubmitCommand()) ...;
 * CliErrors.install(cli);   // after adding the subcommands: picocli copies handlers to the existing ones only
 * System.exit(cli.execute(args));
 * </pre>
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    public static CommandLine install(CommandLine cli) {
        CliErrors handler = new CliErrors();
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        return cli;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        command.getErr().println(prefix(command) + reason(e));
        if ("true".equalsIgnoreCase(System.getenv("RURALEDU_DEBUG"))) {
            e.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return FAILED;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println(prefix(command) + oneLine(e.getMessage()) + " (see --help)");
        command.getErr().flush();
        return USAGE;
    }

    /** The message a user can act on: ours as written, others with the type of the innermost cause. */
    static String reason(Throwable e) {
        if (e.getMessage() != null && (e instanceof CommandFailedException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException || e instanceof java.io.UncheckedIOException)) {
            return oneLine(e.getMessage());
        }
        return oneLine(KafkaSendException.describeCause(e));
    }

    private static String prefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + ": ";
    }

    /** One line, redacted: a reason may quote input (a file name, an argument, a parser's token). */
    private static String oneLine(String message) {
        return message == null ? "failed" : StudentRefs.redact(message.replaceAll("\\s*\\R\\s*", " ").trim());
    }
}
