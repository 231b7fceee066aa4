package org.ruraledu.producers.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ruraledu.embedded.SharedBroker;

/** Reads what a reader of the pipeline would see: committed records only, from the start to the current end. */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static List<ConsumerRecord<String, byte[]>> committed(String topic) {
        Properties props = SharedBroker.get().clientProperties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // the last stable offset
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The committed records of every topic of the broker (internal ones aside), by topic. */
    public static Map<String, List<ConsumerRecord<String, byte[]>>> committedEverywhere() {
        try (var admin = SharedBroker.get().admin()) {
            return admin.listTopics().names().get().stream()
                    .collect(java.util.stream.Collectors.toMap(topic -> topic, KafkaTopics::committed));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot list the topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The committed records of one school (every input topic is keyed by school). */
    public static List<ConsumerRecord<String, byte[]>> committedFor(String topic, String schoolId) {
        return committed(topic).stream().filter(r -> schoolId.equals(r.key())).toList();
    }
}
