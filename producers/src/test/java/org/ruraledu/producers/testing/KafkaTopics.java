package org.ruraledu.producers.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ruraledu.embedded.CommittedRecords;
import org.ruraledu.embedded.SharedBroker;

/** Reads what a reader of the pipeline would see: committed records only, from the start to the current end. */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static List<ConsumerRecord<String, byte[]>> committed(String topic) {
        return CommittedRecords.of(SharedBroker.get().clientProperties(), topic).stream()
                .map(r -> new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                        r.serializedKeySize(), r.serializedValueSize(),
                        r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value(), r.headers(),
                        r.leaderEpoch()))
                .toList();
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
