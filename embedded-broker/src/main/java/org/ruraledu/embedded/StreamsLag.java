package org.ruraledu.embedded;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a streams application has processed everything written so far: its group's committed offsets reach
 * the end (last stable offset) of every partition of its source topics, its own repartition topics included.
 * Under exactly-once an output is committed with the offsets of the input that made it, so once caught up, a
 * read_committed reader sees every output of the input written before. For tests and checks, like
 * {@link CommittedRecords}.
 */
public final class StreamsLag {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private StreamsLag() {}

    /** @throws IllegalStateException if the application has not caught up within {@code patience} */
    public static void awaitCaughtUp(EmbeddedBroker broker, String applicationId, Duration patience)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        try (Admin admin = broker.admin()) {
            long lag;
            while ((lag = lag(admin, applicationId)) > 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(applicationId + " has not caught up within " + patience + ": "
                            + lag + " records to go");
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
    }

    /** Records of the source topics not yet committed as processed by the application's group. */
    public static long lag(Admin admin, String applicationId) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get();
        Set<String> sources = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toCollection(HashSet::new));
        admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition")).forEach(sources::add);
        List<TopicPartition> partitions = admin.describeTopics(sources).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
        }
        return lag;
    }
}
