package org.ruraledu.bench;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.config.Settings;
import org.ruraledu.streams.StreamsProperties;

/**
 * The baseline: the least an exactly-once Kafka Streams application can do with every input record, a
 * {@code groupByKey().count()} per school into a persistent store (with its changelog), under the pipeline's own
 * streams configuration (guarantee, commit interval, threads). What the pipeline does on top of that is the cost
 * of its logic.
 */
final class BaselineCount implements AutoCloseable {
    private final KafkaStreams streams;

    private BaselineCount(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Starts it over the topics; settings carry its own application id and state directory. */
    static BaselineCount start(Settings settings, List<String> inputTopics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-inputs"))
                .groupByKey(Grouped.with("bench-by-school", Serdes.ByteArray(), Serdes.ByteArray()))
                .count(Materialized.<byte[], Long, KeyValueStore<Bytes, byte[]>>as("bench-count-store")
                        .withKeySerde(Serdes.ByteArray()).withValueSerde(Serdes.Long()));
        KafkaStreams streams = new KafkaStreams(builder.build(), StreamsProperties.of(settings));
        streams.start();
        return new BaselineCount(streams);
    }

    KafkaStreams streams() {
        return streams;
    }

    /** Fails if the client stopped on an error: a stage must not wait for a dead application. */
    void requireRunning() {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING) {
            throw new IllegalStateException("the baseline streams application stopped (" + state + ")");
        }
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
