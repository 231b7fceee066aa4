package org.ruraledu.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The topology's internal topics, repartition topics and store changelogs, for creating before the streams client
 * starts, with the partitions and settings Kafka Streams gives them (StreamsApp). Kafka Streams would create them
 * itself, in its first rebalance, but:
 * <ul>
 *   <li>a repartition topic only after its consumer has subscribed to it: until then every metadata answer of a
 *       first start says it is missing, and the consumer warns about each (UNKNOWN_TOPIC_OR_PARTITION);</li>
 *   <li>over a hundred changelogs one after another: its topic manager made about one ready per 100 ms retry, so a
 *       first start spent 12 s in that loop before any task ran (and a close meanwhile waited for it). Created
 *       here in one request they are ready in under a second.</li>
 * </ul>
 * Kafka Streams still checks their partition counts in its rebalance (a wrong count stops it with a reason).
 * Partitions: the input topics' ({@code topics.partitions}; the partition check has made sure they all have it),
 * which is what Kafka Streams gives a topic fed from them. Names: Kafka Streams puts the application id in front
 * of the description's repartition topics ({@code {application.id}-meals-rollup-repartition}) and names a store's
 * changelog {@code {application.id}-{store}-changelog}.
 */
final class InternalTopics {
    private static final String REPARTITION = "-repartition";

    /**
     * What Kafka Streams gives a repartition topic (RepartitionTopicConfig, InternalTopicConfig in 4.4): records
     * are purged by Streams once processed, never by age.
     */
    private static final Map<String, String> REPARTITION_CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.SEGMENT_BYTES_CONFIG, "52428800",
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");

    /**
     * What Kafka Streams gives the changelog of a key-value store (UnwindowedUnversionedChangelogTopicConfig in
     * 4.4). Every store of the topology is one: no windowed or versioned store, none with logging off
     * ({@code InternalTopicsIT} compares with the topics Kafka Streams creates itself).
     */
    private static final Map<String, String> CHANGELOG_CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");

    private InternalTopics() {}

    /** Every internal topic of the topology. */
    static List<NewTopic> of(TopologyDescription topology, String applicationId, int partitions, short replication) {
        List<NewTopic> topics = new ArrayList<>(repartitions(topology, applicationId, partitions, replication));
        topics.addAll(topics(changelogNames(topology, applicationId), partitions, replication, CHANGELOG_CONFIG));
        return topics;
    }

    static List<NewTopic> repartitions(TopologyDescription topology, String applicationId, int partitions,
            short replication) {
        return topics(repartitionNames(topology, applicationId), partitions, replication, REPARTITION_CONFIG);
    }

    static Set<String> repartitionNames(TopologyDescription topology, String applicationId) {
        return sorted(nodes(topology).filter(TopologyDescription.Sink.class::isInstance)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .filter(topic -> topic != null && topic.endsWith(REPARTITION)), applicationId, "");
    }

    static Set<String> changelogNames(TopologyDescription topology, String applicationId) {
        return sorted(nodes(topology).filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Processor) node).stores().stream()), applicationId, "-changelog");
    }

    private static Stream<TopologyDescription.Node> nodes(TopologyDescription topology) {
        return topology.subtopologies().stream().flatMap(s -> s.nodes().stream());
    }

    private static Set<String> sorted(Stream<String> names, String applicationId, String suffix) {
        return names.map(name -> applicationId + "-" + name + suffix).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<NewTopic> topics(Set<String> names, int partitions, short replication, Map<String, String> config) {
        return names.stream().map(name -> new NewTopic(name, partitions, replication).configs(config)).toList();
    }
}
