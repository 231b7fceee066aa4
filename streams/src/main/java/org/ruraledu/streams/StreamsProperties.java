package org.ruraledu.streams;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
        processingExceptionHandlerEverywhere(props);
        // Small fetches per partition: an urgent record is not queued behind a megabyte of bulk records per partition
        // already fetched (poll hands fetched data out in order), see streams.max.partition.fetch.bytes.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                settings.getInt("streams.max.partition.fetch.bytes"));
        // Batching and compression of the producer that writes changelogs, repartition and output topics: measured
        // in the benchmark (streams.producer.batch.size, streams.producer.compression.type).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
                settings.getInt("streams.producer.batch.size"));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG),
                settings.get("streams.producer.compression.type"));
        // How long the group waits for a silent instance before moving its tasks; a restarted one does not wait.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) settings.getDuration("streams.session.timeout").toMillis());
        // Under exactly-once, a store that a crashed run wrote to may hold writes whose transaction never
        // committed: without transactional stores, a restarted instance wipes every such task and restores it
        // from scratch (an ERROR and warnings per task). Transactional stores only ever hold committed writes,
        // so it resumes from them. Kafka 4.4's start-up scan still warns about each as if it were not: the
        // launcher's console turns that into one line (StateWipeNotice).
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, true);
        // Their early-commit guard walks every store on each pass of the loop: measured, see the setting.
        props.put(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG,
                settings.getLong("streams.statestore.uncommitted.max.bytes"));
        return props;
    }

    /**
     * Kafka 5.0 makes the global setting the default; opting in now keeps global processing errors handled alike.
     * The partition assignor reads its own copy of the configuration from the main consumer's, which carries no
     * Streams settings but {@code main.consumer.}-prefixed ones: without the copy there, it warns at every start
     * that the handler is off.
     */
    private static void processingExceptionHandlerEverywhere(Properties props) {
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
                true);
    }

    /**
     * {@link #of} for an instance that joins its group, as a named (static) member: a restarted instance takes its
     * tasks back at once instead of after the session timeout of the member it was before a crash. A clean close
     * still leaves the group ({@link StreamsApp#close}). Only here, since naming an instance may write its state
     * directory, which merely building the topology must not.
     */
    static Properties forInstance(Settings settings) {
        Properties props = of(settings);
        // Main consumer only: it is the group member (restore and global consumers join no group).
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                StreamsInstanceId.of(settings));
        return props;
    }
}
