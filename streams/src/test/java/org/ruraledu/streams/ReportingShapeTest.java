package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.RecordRules;
import org.ruraledu.streams.ingest.DomainRegistry;
import org.ruraledu.streams.ingest.Ingest;
import org.ruraledu.streams.ingest.UnknownSchoolGrace;
import org.ruraledu.topics.Topics;

/**
 * Reporting runs in a sub-topology of its own: it reads the arrival facts of the owners' input through topics of
 * its own and its registry copy, no input topic, and no owner shares a store with it (which would fuse them).
 */
class ReportingShapeTest {
    private static final List<String> ARRIVALS = List.of("reporting-meal-reports-arrivals-repartition",
            "reporting-climate-readings-arrivals-repartition", "reporting-care-reports-arrivals-repartition",
            "reporting-enrollment-arrivals-repartition");
    private final TopologyDescription topology = RuralEduTopology.buildTopology(
            Settings.defaults().with(Map.of("streams.application.id", "reporting", "topics.partitions", "6")),
            Clock.systemUTC()).describe();

    @Test
    void reportingReadsTheArrivalsAndItsRegistryCopyInASubTopologyOfItsOwn() {
        TopologyDescription.Subtopology reporting = subtopologyWith("reporting-schools");
        Set<String> sources = new TreeSet<>();
        reporting.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                .forEach(node -> sources.addAll(((TopologyDescription.Source) node).topicSet()));
        assertThat(sources).containsExactlyInAnyOrderElementsOf(concat(ARRIVALS, "reporting-registry-repartition"));
        for (String input : List.of(Topics.MEAL_REPORTS.name(), Topics.CLIMATE_READINGS.name(),
                Topics.CARE_REPORTS.name(), Topics.ENROLLMENT.name(), Topics.STUDENT_STATUS.name())) {
            assertThat(subtopologyReading(input)).as(input).isNotEqualTo(reporting.id());
        }
        assertThat(readersOf(DomainRegistry.storeName("reporting")))
                .containsExactlyInAnyOrder("reporting-registry-copy", "reporting-schools");
    }

    @Test
    void eachArrivalIsMadeInTheOwnersTask() {
        assertThat(subtopologyWith("reporting-meal-reports-arrivals-first").id())
                .isEqualTo(subtopologyReading(Topics.MEAL_REPORTS.name()));
        assertThat(subtopologyWith("reporting-climate-readings-arrivals-first").id())
                .isEqualTo(subtopologyReading(Topics.CLIMATE_READINGS.name()));
        assertThat(subtopologyWith("reporting-care-reports-arrivals-first").id())
                .isEqualTo(subtopologyReading(Topics.CARE_REPORTS.name()));
        assertThat(subtopologyWith("reporting-enrollment-arrivals-first").id())
                .isEqualTo(subtopologyReading(Topics.ENROLLMENT.name()));
    }

    @Test
    void theArrivalTopicsAreCreatedBeforeStartWithTheInputsPartitions() {
        assertThat(InternalTopics.repartitions(topology, "reporting", 6, (short) 1))
                .filteredOn(topic -> topic.name().contains("-arrivals-"))
                .extracting(topic -> topic.name() + " " + topic.numPartitions())
                .containsExactlyInAnyOrderElementsOf(ARRIVALS.stream().map(t -> "reporting-" + t + " 6").toList());
    }

    @Test
    void arrivalsOfAKindNoDomainReadsYetOrOnesOwnFailTheBuild() {
        Ingest ingest = new Ingest(new StreamsBuilder(), RecordRules.systemClock(), Clock.systemUTC(),
                UnknownSchoolGrace.from(Settings.defaults()), "reporting", (topic, code) -> {}, 6);
        assertThatThrownBy(() -> ingest.forDomain("reporting").arrivals(InputKind.MEAL_REPORTS, r -> "p"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("which no domain reads yet");
        ingest.forDomain("meals").stream(InputKind.MEAL_REPORTS);
        assertThat(ingest.forDomain("reporting").arrivals(InputKind.MEAL_REPORTS, r -> "p"))
                .as("asked twice, the same stream")
                .isSameAs(ingest.forDomain("reporting").arrivals(InputKind.MEAL_REPORTS, r -> "q"));
        assertThatThrownBy(() -> ingest.forDomain("meals").arrivals(InputKind.MEAL_REPORTS, r -> "p"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("it reads itself");
    }

    private static List<String> concat(List<String> list, String more) {
        return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(more)).toList();
    }

    private TopologyDescription.Subtopology subtopologyWith(String processor) {
        return topology.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(node -> node.name().equals(processor)))
                .findFirst().orElseThrow();
    }

    private int subtopologyReading(String topic) {
        return topology.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(node -> node instanceof TopologyDescription.Source source
                        && source.topicSet().contains(topic)))
                .findFirst().orElseThrow().id();
    }

    private Set<String> readersOf(String store) {
        Set<String> readers = new TreeSet<>();
        topology.subtopologies().forEach(s -> s.nodes().stream()
                .filter(node -> node instanceof TopologyDescription.Processor p && p.stores().contains(store))
                .forEach(node -> readers.add(node.name())));
        return readers;
    }
}
