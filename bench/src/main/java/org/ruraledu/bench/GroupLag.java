package org.ruraledu.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Kafka Streams application is behind on the topics it reads: per partition, the last stable offset
 * (end offset under read_committed) minus the group's committed offset. Under exactly-once both count the
 * transaction markers, so a group that has processed everything has lag 0, not 1 per transaction.
 */
final class GroupLag {
    private final Admin admin;
    private final String groupId;
    private final Collection<String> topics;
    private List<TopicPartition> partitions;

    GroupLag(Admin admin, String groupId, Collection<String> topics) {
        this.admin = admin;
        this.groupId = groupId;
        this.topics = topics;
    }

    /** Records not yet committed as processed, over every partition of every topic; -1 while a topic is missing. */
    long total() {
        Map<TopicPartition, Long> lag = perPartition();
        return lag == null ? -1 : lag.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Lag of each partition, or null while a topic does not exist yet (internal topics come with the app). */
    Map<TopicPartition, Long> perPartition() {
        try {
            if (partitions == null) {
                partitions = Offsets.partitionsOf(admin, topics);
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> lag = new HashMap<>();
            for (TopicPartition p : partitions) {
                OffsetAndMetadata c = committed.get(p);
                lag.put(p, Math.max(0, ends.get(p).offset() - (c == null ? 0 : c.offset())));
            }
            return lag;
        } catch (Offsets.MissingTopicException e) {
            return null;
        } catch (Exception e) {
            throw Offsets.failure("lag of " + groupId, e);
        }
    }
}
