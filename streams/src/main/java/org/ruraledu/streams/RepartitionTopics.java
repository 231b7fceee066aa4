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
 * The topology's repartition topics, for creating before the streams client starts. Kafka Streams creates them
 * itself, but only in its first rebalance, after its consumer has subscribed to them: until then every metadata
 * answer of a first start says they are missing, and the consumer warns about each (UNKNOWN_TOPIC_OR_PARTITION).
 * Created first, with the configuration Kafka Streams gives them, they are there from the first poll; Kafka
 * Streams still checks them in its rebalance (a wrong partition count stops it with a reason).
 */
final class RepartitionTopics {
    private static final String SUFFIX = "-repartition";

    /**
     * What Kafka Streams gives a repartition topic (RepartitionTopicConfig, InternalTopicConfig in 4.4): records
     * are purged by Streams once processed, never by age.
     */
    private static final Map<String, String> CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.SEGMENT_BYTES_CONFIG, "52428800",
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");

    private RepartitionTopics() {}

    /**
     * The topics to create, with the partitions of the input topics: what Kafka Streams gives a repartition topic
     * fed from them (the partition check has made sure they all have {@code topics.partitions}).
     */
    static List<NewTopic> of(TopologyDescription topology, String applicationId, int partitions, short replication) {
        return names(topology, applicationId).stream()
                .map(name -> new NewTopic(name, partitions, replication).configs(CONFIG)).toList();
    }

    /**
     * The broker-side names: the description names them without the application id, which Kafka Streams puts
     * in front ({@code {application.id}-meals-rollup-repartition}).
     */
    static Set<String> names(TopologyDescription topology, String applicationId) {
        return topology.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Sink.class::isInstance).map(node -> ((TopologyDescription.Sink) node).topic())
                .filter(topic -> topic != null && topic.endsWith(SUFFIX))
                .map(topic -> applicationId + "-" + topic)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
