package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;

/** The measured tuning reaches the clients it is meant for, and an operator's setting wins over the default. */
class StreamsPropertiesTest {

    @Test
    void theStreamsProducerBatchesAndCompressesAndTheConsumerFetchesSmallByDefault() {
        Properties props = StreamsProperties.of(Settings.defaults());
        assertThat(props).containsEntry("producer.batch.size", 262144)
                .containsEntry("producer.compression.type", "lz4")
                .containsEntry("main.consumer.max.partition.fetch.bytes", 65536)
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("statestore.uncommitted.max.bytes", -1L);
    }

    @Test
    void anOperatorChangesThemWithTheRuraleduSettings() {
        Properties props = StreamsProperties.of(Settings.defaults().with(Map.of(
                "streams.producer.compression.type", "zstd", "streams.producer.batch.size", "16384",
                "streams.statestore.uncommitted.max.bytes", "67108864")));
        assertThat(props).containsEntry("producer.compression.type", "zstd").containsEntry("producer.batch.size", 16384)
                .containsEntry("statestore.uncommitted.max.bytes", 67108864L);
    }
}
