package org.ruraledu.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.AlertType;
import org.ruraledu.topics.Topics;

/**
 * Follows the alert topic as an alert consumer of the bureau would (read_committed, from its end when created)
 * and notes when the first DROPOUT_DETECTED OPEN of each pupil arrived (System.nanoTime).
 */
final class AlertWatch implements AutoCloseable {
    private final Map<String, Long> detectedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    AlertWatch(Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the start before anything is posted
        thread = new Thread(() -> follow(consumer), "bench-alert-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running) {
                consumer.poll(Duration.ofMillis(10)).forEach(r -> {
                    long now = System.nanoTime();
                    Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(),
                            r.value().getBytes(StandardCharsets.UTF_8));
                    if (alert.type() == AlertType.DROPOUT_DETECTED && alert.state() == AlertState.OPEN
                            && alert.subjectRef() != null) {
                        detectedAt.putIfAbsent(alert.subjectRef(), now);
                        openedAt.putIfAbsent(alert.subjectRef(), alert.openedAt().toEpochMilli());
                    }
                });
            }
        }
    }

    /** When the pupil's DROPOUT_DETECTED arrived, or null if it has not. */
    Long detectedAt(String subjectRef) {
        return detectedAt.get(subjectRef);
    }

    /** When the pipeline opened the pupil's DROPOUT_DETECTED (its {@code openedAt}, epoch ms), or null. */
    Long openedAtMillis(String subjectRef) {
        return openedAt.get(subjectRef);
    }

    /** Waits until every pupil's alert arrived or the deadline passed; true if all arrived. */
    boolean awaitAll(Collection<String> subjectRefs, Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        Progress progress = new Progress("  alerts");
        while (!detectedAt.keySet().containsAll(subjectRefs)) {
            if (System.nanoTime() > giveUp) {
                return false;
            }
            progress.maybe(() -> subjectRefs.stream().filter(detectedAt::containsKey).count() + " of "
                    + subjectRefs.size() + " arrived");
            CatchUp.sleep(5);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
