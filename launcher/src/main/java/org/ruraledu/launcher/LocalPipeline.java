package org.ruraledu.launcher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.producers.gateway.Gateway;
import org.ruraledu.streams.StreamsApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: an embedded Kafka broker, the streams application (with its query API)
 * and the ingest gateway, wired through one {@link Settings} and one clock ({@link PipelineClock}: real time, or
 * from {@code clock.start} on). Closing stops them in reverse order.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

    private final EmbeddedBroker broker;
    private final Settings settings;
    private final Clock clock;
    private StreamsApp streams;
    private Gateway gateway;

    private LocalPipeline(EmbeddedBroker broker, Settings settings, Clock clock) {
        this.broker = broker;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Starts broker, topics, streams and gateway. {@code broker.port=0} (and port 0 for the HTTP servers) picks
     * free ports, for tests.
     */
    public static LocalPipeline start(Settings base) {
        return start(base, PipelineClock.from(base));
    }

    /**
     * {@code clock}: what "now" is for streams and gateway; a test may bring one it moves
     * ({@link org.ruraledu.config.ShiftedClock}, so that the pipeline reads Kafka timestamps as shifted as its clock).
     */
    public static LocalPipeline start(Settings base, Clock clock) {
        int port = base.getInt("broker.port");
        EmbeddedBroker broker = EmbeddedBroker.start(new EmbeddedBroker.Options(base.getPath("broker.data.dir"),
                port, port == 0 ? 0 : base.getInt("broker.controller.port"), false));
        Settings settings = base.with("bootstrap.servers", broker.bootstrapServers());
        LocalPipeline pipeline = new LocalPipeline(broker, settings, clock);
        try {
            broker.createContractTopics(settings.getInt("topics.partitions"));
            pipeline.streams = StreamsApp.start(settings, pipeline.clock);
            pipeline.gateway = Gateway.start(settings, pipeline.clock);
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /** Settings for a pipeline whose state lives under one directory. */
    public static Map<String, String> dataDirSettings(Path dataDir) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("broker.data.dir", dataDir.resolve("kafka").toString());
        overrides.put("streams.state.dir", dataDir.resolve("streams").toString());
        overrides.put("gateway.tokens.file", dataDir.resolve("gateway-tokens.properties").toString());
        return overrides;
    }

    /** The settings every client of this pipeline should use (bootstrap servers point at the broker). */
    public Settings settings() {
        return settings;
    }

    /** The clock of streams and gateway: give it to whatever sends to this pipeline (the simulator). */
    public Clock clock() {
        return clock;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String gatewayUrl() {
        return gateway.url();
    }

    public String queryUrl() {
        return "http://" + settings.get("query.host") + ":" + streams.queryPort();
    }

    /** Fails if the streams application has stopped on its own (an unexpected error). */
    public void requireStreamsRunning() {
        streams.requireRunning();
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    @Override
    public void close() {
        closeQuietly(gateway);
        closeQuietly(streams);
        closeQuietly(broker);
    }

    private static void closeQuietly(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("while stopping {}: {}", part.getClass().getSimpleName(), e.toString());
        }
    }
}
