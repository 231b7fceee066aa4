package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
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
 * Care reads the enrolment that Dropout owns through a repartition topic of its own ({@code DomainIngest.follow}),
 * admitted against care's registry copy: the two domains share no store, so they stay in sub-topologies of their
 * own, and the topic is created before start like the registry copies'.
 */
class FollowedInputShapeTest {
    private final TopologyDescription topology = RuralEduTopology.buildTopology(
            Settings.defaults().with(Map.of("streams.application.id", "follow", "topics.partitions", "6")),
            Clock.systemUTC()).describe();
    private final TopologyShape shape = new TopologyShape(topology);

    @Test
    void careAndDropoutRunInDifferentSubTopologies() {
        int enrolment = shape.subtopologyReading(Topics.ENROLLMENT.name());
        int care = shape.subtopologyReading(Topics.CARE_REPORTS.name());
        assertThat(care).isNotEqualTo(enrolment).isNotEqualTo(shape.subtopologyReading(Topics.STUDENT_STATUS.name()));
        assertThat(shape.subtopologyReading("care-enrollment-copy-repartition")).as("the followed enrolment, in care's tasks")
                .isEqualTo(care);
        assertThat(shape.sourceTopicsWith(DomainRegistry.storeName("care"))).contains(Topics.CARE_REPORTS.name())
                .doesNotContain(Topics.ENROLLMENT.name(), Topics.STUDENT_STATUS.name(), Topics.MEAL_REPORTS.name());
        assertThat(shape.sourceTopicsWith(DomainRegistry.storeName("dropout"))).doesNotContain(Topics.CARE_REPORTS.name());
    }

    @Test
    void caresCopyIsReadByCareAlone() {
        assertThat(shape.readersOf(DomainRegistry.storeName("care"))).containsExactlyInAnyOrder("care-registry-copy",
                "care-reports-registry-lookup", "care-enrollment-copy-registry-lookup", "care-schools",
                "care-standing-school-standing");
    }

    @Test
    void theFollowTopicIsCreatedBeforeStartWithTheInputsPartitions() {
        assertThat(InternalTopics.repartitions(topology, "follow", 6, (short) 1))
                .filteredOn(topic -> topic.name().contains("-copy-"))
                .extracting(topic -> topic.name() + " " + topic.numPartitions())
                .containsExactly("follow-care-enrollment-copy-repartition 6");
    }

    @Test
    void followingAKindNoDomainReadsYetOrOnesOwnFailsTheBuild() {
        Ingest ingest = new Ingest(new StreamsBuilder(), RecordRules.systemClock(), Clock.systemUTC(),
                UnknownSchoolGrace.from(Settings.defaults()), "follow", (topic, code) -> {}, 6);
        assertThatThrownBy(() -> ingest.forDomain("care").follow(InputKind.ENROLLMENT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("domain 'care' follows input enrollment, which no domain reads yet")
                .hasMessageContaining("wire the domain that reads it before 'care'");

        ingest.forDomain("dropout").stream(InputKind.ENROLLMENT);
        assertThat(ingest.forDomain("care").follow(InputKind.ENROLLMENT)).as("asked twice, the same stream")
                .isSameAs(ingest.forDomain("care").follow(InputKind.ENROLLMENT));
        assertThatThrownBy(() -> ingest.forDomain("dropout").follow(InputKind.ENROLLMENT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("reads input enrollment itself");
    }
}
