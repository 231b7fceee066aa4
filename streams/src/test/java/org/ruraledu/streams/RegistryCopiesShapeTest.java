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
import org.ruraledu.streams.ingest.SchoolRegistry;
import org.ruraledu.streams.ingest.UnknownSchoolGrace;
import org.ruraledu.topics.Topics;

/**
 * Each domain reads its own copy of the school registry. A store read by several processors fuses them into one
 * sub-topology, whose tasks run everything in it: when every domain read one registry store, a backlog of meal
 * reports held up the dropout event behind it (DROPOUT_DETECTED minutes late). So the master store is read by the
 * registry alone, and each copy by its own domain alone.
 */
class RegistryCopiesShapeTest {
    private static final String MEAL_REPORTS = Topics.MEAL_REPORTS.name();
    private static final String STUDENT_STATUS = Topics.STUDENT_STATUS.name();
    private final TopologyDescription topology = RuralEduTopology.buildTopology(
            Settings.defaults().with(Map.of("streams.application.id", "copies", "topics.partitions", "6")),
            Clock.systemUTC()).describe();
    private final TopologyShape shape = new TopologyShape(topology);

    @Test
    void theMasterRegistryStoreIsReadByTheRegistryAlone() {
        assertThat(shape.readersOf(SchoolRegistry.STORE)).containsExactly("school-registry-update");
        assertThat(shape.sourceTopicsWith(SchoolRegistry.STORE)).containsExactly(Topics.SCHOOL_REGISTRY.name());
    }

    @Test
    void eachDomainsCopyIsReadByThatDomainAlone() {
        assertThat(shape.readersOf(DomainRegistry.storeName("meals")))
                .containsExactlyInAnyOrder("meals-registry-copy", "meal-reports-registry-lookup");
        assertThat(shape.readersOf(DomainRegistry.storeName("dropout"))).containsExactlyInAnyOrder("dropout-registry-copy",
                "student-status-registry-lookup", "enrollment-registry-lookup", "dropout-standing-school-standing");
        assertThat(shape.readersOf(DomainRegistry.storeName("heating")))
                .containsExactlyInAnyOrder("heating-registry-copy", "climate-readings-registry-lookup");
        assertThat(shape.sourceTopicsWith(DomainRegistry.storeName("heating"))).contains(Topics.CLIMATE_READINGS.name())
                .doesNotContain(MEAL_REPORTS, STUDENT_STATUS, Topics.SCHOOL_REGISTRY.name());
        assertThat(shape.sourceTopicsWith(DomainRegistry.storeName("meals"))).contains(MEAL_REPORTS)
                .doesNotContain(STUDENT_STATUS, Topics.ENROLLMENT.name(), Topics.SCHOOL_REGISTRY.name());
        assertThat(shape.sourceTopicsWith(DomainRegistry.storeName("dropout"))).contains(STUDENT_STATUS)
                .doesNotContain(MEAL_REPORTS, Topics.SCHOOL_REGISTRY.name());
    }

    /**
     * The bulk input and the input of the urgent alert in tasks of their own. (The KPI and alert stores, still one
     * for every domain, fuse the rollup and alert sub-topologies downstream of the repartition topics, not these.)
     */
    @Test
    void mealReportsAndStudentStatusRunInDifferentSubTopologies() {
        assertThat(shape.subtopologyReading(MEAL_REPORTS)).isNotEqualTo(shape.subtopologyReading(STUDENT_STATUS));
    }

    /** The bulk of the pipeline, a reading per room every 5 minutes, does not hold up the urgent alert either. */
    @Test
    void climateReadingsAndStudentStatusRunInDifferentSubTopologies() {
        assertThat(shape.subtopologyReading(Topics.CLIMATE_READINGS.name()))
                .isNotEqualTo(shape.subtopologyReading(STUDENT_STATUS))
                .isNotEqualTo(shape.subtopologyReading(MEAL_REPORTS));
    }

    @Test
    void theCopiesTopicsAreCreatedBeforeStartWithTheInputsPartitions() {
        assertThat(InternalTopics.repartitions(topology, "copies", 6, (short) 1))
                .filteredOn(topic -> topic.name().endsWith("-registry-repartition"))
                .extracting(topic -> topic.name() + " " + topic.numPartitions())
                .containsExactlyInAnyOrder("copies-meals-registry-repartition 6",
                        "copies-dropout-registry-repartition 6", "copies-heating-registry-repartition 6",
                        "copies-care-registry-repartition 6", "copies-reporting-registry-repartition 6");
    }

    @Test
    void anInputKindReadByTwoDomainsFailsTheBuild() {
        Ingest ingest = new Ingest(new StreamsBuilder(), RecordRules.systemClock(), Clock.systemUTC(),
                UnknownSchoolGrace.from(Settings.defaults()), "copies", (topic, code) -> {}, 6);
        ingest.forDomain("meals").stream(InputKind.MEAL_REPORTS);

        assertThat(ingest.forDomain("meals").stream(InputKind.MEAL_REPORTS)).as("the same domain again")
                .isSameAs(ingest.forDomain("meals").stream(InputKind.MEAL_REPORTS));
        assertThatThrownBy(() -> ingest.forDomain("care").stream(InputKind.MEAL_REPORTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("meal-reports is read by domain 'meals' already; domain 'care' cannot");
    }
}
