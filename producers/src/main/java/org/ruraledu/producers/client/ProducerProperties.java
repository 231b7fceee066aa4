package org.ruraledu.producers.client;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ruraledu.config.Settings;

/**
 * Producer properties from {@link Settings}: the {@code kafka.*} pass-through first, then the guarantees this
 * project does not let configuration weaken (every replica acknowledges, the broker drops duplicates of
 * retried batches). Keys and values are bytes: each topic's serde runs before the send, where a failure can
 * still name the record.
 */
public final class ProducerProperties {
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private ProducerProperties() {}

    public static Properties safe(Settings settings, String clientIdPrefix) {
        Properties props = settings.kafkaClientProperties();
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientIdPrefix + "-" + CLIENT_IDS.incrementAndGet());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }
}
