package org.ruraledu.producers.cli;

import java.util.List;

/**
 * The commands of this module, for the launcher's top command:
 * {@code ProducerCommands.all().forEach(top::addSubcommand); CliErrors.install(top);}
 */
public final class ProducerCommands {
    private ProducerCommands() {}

    /** submit, token (issue), alerts (tail), gateway: fresh instances. */
    public static List<Object> all() {
        return List.of(new SubmitCommand(), new TokenCommand(), new AlertsCommand(), new GatewayCommand());
    }
}
