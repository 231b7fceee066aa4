package org.ruraledu.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Admin look-ups the stages share: partitions, end offsets and bytes on disk of topics. */
final class Offsets {
    /** A topic the caller waits for does not exist yet. */
    static final class MissingTopicException extends RuntimeException {
        MissingTopicException(Throwable cause) {
            super(cause);
        }
    }

    private Offsets() {}

    static List<TopicPartition> partitionsOf(Admin admin, Collection<String> topics) throws Exception {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = new ArrayList<>();
            described.values().forEach(d -> d.partitions().forEach(
                    p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
            return partitions;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new MissingTopicException(e.getCause());
            }
            throw e;
        }
    }

    /** Sum of the last stable offsets: it changes exactly when something new is committed to the topics. */
    static long endOffsetSum(Admin admin, Collection<String> topics) {
        if (topics.isEmpty()) {
            return 0;
        }
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitionsOf(admin, topics).forEach(p -> latest.put(p, OffsetSpec.latest()));
            return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(10, TimeUnit.SECONDS).values().stream().mapToLong(i -> i.offset()).sum();
        } catch (Exception e) {
            throw failure("end offsets of " + topics, e);
        }
    }

    /** Bytes of the topics' logs on the broker's disk (record batches as written, indexes excluded). */
    static long logBytes(Admin admin, Set<String> topics) {
        try {
            long bytes = 0;
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(
                    admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(n -> n.id()).toList())
                    .allDescriptions().get(10, TimeUnit.SECONDS);
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription dir : byDir.values()) {
                    for (var replica : dir.replicaInfos().entrySet()) {
                        if (topics.contains(replica.getKey().topic())) {
                            bytes += replica.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        } catch (Exception e) {
            throw failure("log sizes", e);
        }
    }

    static IllegalStateException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("could not read " + what + ": " + e, e);
    }
}
