package org.ruraledu.streams;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.streams.query.QueryApi;
import org.ruraledu.streams.query.QueryStores;
import org.ruraledu.topics.TopicAdmin;
import org.ruraledu.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams application: creates the contract's missing topics, runs {@link RuralEduTopology} with
 * Kafka Streams (exactly-once by default) and serves the query API with Prometheus metrics (Kafka Streams client
 * metrics plus {@code ruraledu_dead_letters_total}). {@link #start(Settings)} returns once everything is started;
 * the streams instance then joins its group and restores state in the background.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsApp.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final QueryApi queryApi;
    private final StreamsMeters streamsMetrics;
    private final PrometheusMeterRegistry meters;

    private StreamsApp(KafkaStreams streams, QueryApi queryApi, StreamsMeters streamsMetrics,
            PrometheusMeterRegistry meters) {
        this.streams = streams;
        this.queryApi = queryApi;
        this.streamsMetrics = streamsMetrics;
        this.meters = meters;
    }

    /** On the clock the settings ask for ({@link PipelineClock}: real time unless {@code clock.start} is set). */
    public static StreamsApp start(Settings settings) {
        return start(settings, PipelineClock.from(settings));
    }

    /** {@code clock}: what "now" is for every processor; the local pipeline shares one with its gateway. */
    public static StreamsApp start(Settings settings, Clock clock) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RuralEduTopology.Built built = RuralEduTopology.build(settings, clock, meters, RuralEduTopology.domains());
        Topology topology = built.topology();
        // The full description runs to hundreds of lines: there for who asks (RURALEDU_LOG_LEVEL=DEBUG).
        log.info("topology: {} sub-topologies", topology.describe().subtopologies().size());
        log.debug("topology:\n{}", topology.describe());
        prepareTopics(settings, topology);

        // The API binds its port first (port 0 = any free one), because the streams client must be told it.
        AtomicReference<KafkaStreams> started = new AtomicReference<>();
        QueryApi api = QueryApi.start(settings.get("query.host"), settings.getInt("query.port"),
                QueryStores.of(started::get, settings.getInt("topics.partitions"), built.queryStores()), meters);
        try {
            Properties props = StreamsProperties.forInstance(settings);
            // Tells other instances where this one answers queries for the partitions it owns.
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.get("query.host") + ":" + api.port());
            KafkaStreams streams = new KafkaStreams(topology, props);
            started.set(streams);
            streams.setUncaughtExceptionHandler(e -> {
                // Bad input never gets here (it is dead-lettered); this is a bug or a lost cluster: stop loudly
                // rather than loop on the same record.
                log.error("streams failed, shutting down the client", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> log.info("streams state {} -> {}", before, now));
            StreamsMeters streamsMetrics = new StreamsMeters(streams::metrics);
            streamsMetrics.bindTo(meters);
            streams.start();
            log.info("streams application '{}' started; query API on http://{}:{}",
                    settings.get("streams.application.id"), settings.get("query.host"), api.port());
            return new StreamsApp(streams, api, streamsMetrics, meters);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /**
     * Refuses input topics of another partition count (before creating anything), then creates the contract's
     * missing topics and the topology's internal topics (see {@link InternalTopics}).
     */
    private static void prepareTopics(Settings settings, Topology topology) {
        int partitions = settings.getInt("topics.partitions");
        short replicationFactor = (short) settings.getInt("topics.replication.factor");
        try (Admin admin = Admin.create(settings.kafkaClientProperties())) {
            TopicAdmin.requirePartitions(admin, Topics.inputs(), partitions, TOPIC_TIMEOUT);
            TopicAdmin.ensureTopics(admin, Topics.all(), partitions, replicationFactor, TOPIC_TIMEOUT);
            TopicAdmin.ensure(admin, InternalTopics.of(topology.describe(), settings.get("streams.application.id"),
                    partitions, replicationFactor), TOPIC_TIMEOUT);
        }
    }

    public int queryPort() {
        return queryApi.port();
    }

    /** Fails with the reason if the Kafka Streams client has stopped on its own (an unexpected error). */
    public void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR) {
            throw new IllegalStateException("the streams application stopped (" + state + "); see the log above");
        }
    }

    public KafkaStreams streams() {
        return streams;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    @Override
    public void close() {
        queryApi.close();
        // Leave the group: a restarted instance then gets its tasks at once instead of after the session timeout.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        streamsMetrics.close();
        meters.close();
    }

    /** Runs the streams application alone: {@code StreamsApp [settings.properties]}; stops on SIGTERM. */
    public static void main(String[] args) throws InterruptedException {
        Settings settings = args.length > 0 ? Settings.load(Path.of(args[0]), System.getenv(), Map.of())
                : Settings.fromEnvironment();
        StreamsApp app = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "streams-app-shutdown"));
        stopped.await();
    }
}
