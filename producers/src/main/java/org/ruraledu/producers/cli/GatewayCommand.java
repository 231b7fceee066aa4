package org.ruraledu.producers.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ruraledu.producers.gateway.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway}: the HTTP ingest gateway on its own, until Ctrl-C. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Runs the HTTP ingest gateway for school systems until Ctrl-C.")
public final class GatewayCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "Interface to listen on (setting gateway.host).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (setting gateway.port).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new HashMap<>();
        if (host != null) {
            overrides.put("gateway.host", host);
        }
        if (port != null) {
            overrides.put("gateway.port", String.valueOf(port));
        }
        try (GracefulStop stop = GracefulStop.install(() -> { });
                Gateway gateway = Gateway.start(common.settings(overrides))) {
            spec.commandLine().getOut().println("ingest gateway listening on " + gateway.url()
                    + " (POST /v1/schools/{schoolId}/{kind}, GET /v1/health); Ctrl-C stops it");
            spec.commandLine().getOut().flush();
            stop.awaitRequest(); // requests are served on the gateway's own threads
        }
        return 0;
    }
}
