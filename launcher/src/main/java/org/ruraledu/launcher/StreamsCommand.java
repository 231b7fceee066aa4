package org.ruraledu.launcher;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.ruraledu.producers.cli.GracefulStop;
import org.ruraledu.producers.cli.CommonOptions;
import org.ruraledu.streams.StreamsApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code streams}: the streams application alone (KPIs, alerts, query API), against any Kafka cluster. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        description = "Runs the streams application (KPIs, alerts, query API) until stopped.")
public final class StreamsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        try (GracefulStop stop = GracefulStop.install(() -> { });
                StreamsApp app = StreamsApp.start(common.settings())) {
            System.out.println("streams application running; query API on port " + app.queryPort());
            // An unexpected error shuts the Kafka Streams client down: exit non-zero so that a supervisor
            // (systemd, docker restart policy) starts a fresh instance.
            while (!stop.requested(Duration.ofSeconds(2))) {
                app.requireRunning();
            }
        }
        return 0;
    }
}
