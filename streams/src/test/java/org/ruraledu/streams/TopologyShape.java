package org.ruraledu.streams;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/** Questions the shape tests ask of a topology's description: which sub-topology reads what, who reads a store. */
final class TopologyShape {
    private final TopologyDescription topology;

    TopologyShape(TopologyDescription topology) {
        this.topology = topology;
    }

    /** The processors that read or write {@code store}. */
    Set<String> readersOf(String store) {
        Set<String> readers = new TreeSet<>();
        topology.subtopologies().forEach(s -> s.nodes().stream().filter(node -> stores(node).contains(store))
                .forEach(node -> readers.add(node.name())));
        return readers;
    }

    /** The topics read by the sub-topologies that hold {@code store}. */
    Set<String> sourceTopicsWith(String store) {
        Set<String> topics = new TreeSet<>();
        topology.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(node -> stores(node).contains(store)))
                .forEach(s -> s.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                        .forEach(node -> topics.addAll(((TopologyDescription.Source) node).topicSet())));
        return topics;
    }

    /** The source node that reads {@code topic}. */
    String sourceOf(String topic) {
        return topology.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Source source && source.topicSet().contains(topic))
                .findFirst().orElseThrow().name();
    }

    /** The id of the sub-topology that reads {@code topic}. */
    int subtopologyReading(String topic) {
        String source = sourceOf(topic);
        return topology.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(node -> node.name().equals(source)))
                .findFirst().orElseThrow().id();
    }

    private static List<String> stores(TopologyDescription.Node node) {
        return node instanceof TopologyDescription.Processor p ? List.copyOf(p.stores()) : List.of();
    }
}
