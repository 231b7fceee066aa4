package org.ruraledu.producers.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.gateway.TokenStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints a new token for a school, once: only its SHA-256 is stored (in {@code gateway.tokens.file}), so a lost
 * token cannot be shown again, only replaced. A running gateway accepts it at once.
 */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Prints a new bearer token for a school, once; stores only its hash in gateway.tokens.file.")
public final class IssueTokenCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--school", required = true, paramLabel = "SCHOOL_ID", description = "The school's id.")
    String schoolId;

    @Override
    public Integer call() {
        Settings settings = common.settings();
        Path file = settings.getPath("gateway.tokens.file");
        String token = new TokenStore(file).issue(schoolId);
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("token for school " + schoolId.trim() + " printed above; it is not "
                + "shown again (only its hash is kept in " + file + ")");
        spec.commandLine().getErr().flush();
        return 0;
    }
}
