package org.ruraledu.streams;

import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.ruraledu.config.Settings;

/** The Kafka Streams configuration derived from the project settings, the same for production and tests. */
public final class StreamsProperties {
    private StreamsProperties() {}

    public static Properties of(Settings settings) {
        Properties props = settings.kafkaClientProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.get("streams.application.id"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.get("streams.state.dir"));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.getInt("streams.threads"));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.getLong("streams.commit.interval.ms"));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, settings.get("streams.processing.guarantee"));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.getInt("topics.replication.factor"));
        // Fail at build time if any store or internal topic would get a generated name: generated names shift
        // when the topology changes, and a shifted name silently loses state on upgrade.
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Kafka 5.0 makes this the default; opting in now keeps global (registry) processing errors handled alike.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }
}
