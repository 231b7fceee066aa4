package org.ruraledu.streams;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The changelog topics of the topology's stores, for creating before the streams client starts. Kafka Streams
 * creates missing changelogs in its first rebalance, but over a hundred of them one after another: its topic
 * manager makes about one ready per 100 ms retry, so a first start spent 12 s in that loop before any task ran
 * (and a close meanwhile waited for it). Created here in one request, they are ready in under a second, and Kafka
 * Streams still checks their partition counts in its rebalance.
 *
 * <p>Every store of the topology is a logged key-value store (no windowed or versioned store, none with logging
 * off: a shape test keeps it so), whose changelog Kafka Streams names {@code {application.id}-{store}-changelog}
 * and configures as below (UnwindowedUnversionedChangelogTopicConfig in 4.4); its partitions are the input
 * topics' ({@code topics.partitions}), as for the repartition topics ({@link RepartitionTopics}).
 */
final class StoreChangelogs {
    private static final Map<String, String> CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");

    private StoreChangelogs() {}

    static List<NewTopic> of(TopologyDescription topology, String applicationId, int partitions, short replication) {
        return names(topology, applicationId).stream()
                .map(name -> new NewTopic(name, partitions, replication).configs(CONFIG)).toList();
    }

    static Set<String> names(TopologyDescription topology, String applicationId) {
        return topology.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream())
                .map(store -> applicationId + "-" + store + "-changelog")
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
