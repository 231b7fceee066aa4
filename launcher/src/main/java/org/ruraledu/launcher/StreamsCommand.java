package org.ruraledu.launcher;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        CountDownLatch stopped = new CountDownLatch(1);
        StreamsApp app = StreamsApp.start(common.settings());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "ruraledu-streams-shutdown"));
        System.out.println("streams application running; query API on port " + app.queryPort());
        stopped.await();
        return 0;
    }
}
