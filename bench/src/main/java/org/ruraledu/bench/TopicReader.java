package org.ruraledu.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A plain consumer that reads topics from their beginning to the end they had when it started (read_committed,
 * so the end is the last stable offset). The raw-limit stage times it; other stages use it to count or to rebuild
 * state from changelogs.
 */
final class TopicReader {
    /** When the first record arrived and when the end was reached (System.nanoTime), and what was read. */
    record Read(long records, long payloadBytes, long firstRecordNanos, long endNanos) {
        double seconds() {
            return (endNanos - firstRecordNanos) / 1e9;
        }
    }

    private TopicReader() {}

    static Read readAll(Properties clientProperties, Collection<String> topics, Duration timeout,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long records = 0;
            long bytes = 0;
            long first = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topics + " to the end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    records++;
                    bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                    each.accept(r);
                }
            }
            long now = System.nanoTime();
            return new Read(records, bytes, first == 0 ? now : first, now);
        }
    }

    static Read count(Properties clientProperties, Collection<String> topics, Duration timeout) {
        return readAll(clientProperties, topics, timeout, r -> { });
    }
}
