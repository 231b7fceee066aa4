package org.ruraledu.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.serde.JsonSerde;
import org.ruraledu.streams.MutableClock;
import org.ruraledu.topics.Topics;

/**
 * A restart with records still waiting for their school: the new instance finds them in the (restored) store,
 * not in memory. A TopologyTestDriver cannot restart with its state, so this drives the processor directly, its
 * stores filled as a restore would leave them.
 */
class RegistryAdmissionRestartTest {
    private static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");
    private static final String AWAITING = RegistryAdmission.storeName("meal-reports");
    private static final String REGISTRY = DomainRegistry.storeName("meals");

    private final MutableClock clock = new MutableClock(NOW);
    private final RecordRules rules = new RecordRules(clock);
    private final MockProcessorContext<String, Intake<MealReport>> context = new MockProcessorContext<>();
    private final KeyValueStore<String, AwaitingRecord> awaiting = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(AWAITING), Serdes.String(), new JsonSerde<>(AwaitingRecord.class))
            .withLoggingDisabled().build();
    private final KeyValueStore<String, RegisteredSchool> registry = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(REGISTRY), Serdes.String(), RegisteredSchool.serde(rules))
            .withLoggingDisabled().build();

    @Test
    void aRecordParkedBeforeARestartStillComesOutBeforeTheSchoolsNextOne() {
        RawRecord parked = raw(meal("r1", 8), 0);
        open(awaiting, registry);
        awaiting.put(AwaitingRecord.key("n1", 0), AwaitingRecord.of(parked, 0L, new RecordHeaders(), NOW));
        registry.put("n1", new RegisteredSchool(registered("n1"), null)); // registered while the instance was down

        RegistryAdmission<MealReport> restarted = new RegistryAdmission<>(AWAITING, REGISTRY,
                raw -> DecodeAndCheck.check(raw, Topics.MEAL_REPORTS.valueSerde().deserializer(), rules),
                new UnknownSchoolGrace(Duration.ofSeconds(60), Duration.ofSeconds(1)), clock);
        restarted.init(context);
        MealReport correction = meal("r1-fix", 10);
        restarted.process(new Record<>("n1", new Intake.Decoded<>(correction, "n1", raw(correction, 1)), 0L));

        assertThat(context.forwarded()).extracting(f -> ((Intake.Accepted<MealReport>) f.record().value())
                .enriched().record().getReportId()).containsExactly("r1", "r1-fix");
        assertThat(awaiting.approximateNumEntries()).isZero();
    }

    private void open(KeyValueStore<?, ?>... stores) {
        for (KeyValueStore<?, ?> store : stores) {
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
    }

    private static MealReport meal(String reportId, int served) {
        return MealReport.newBuilder().setReportId(reportId).setSchoolId("n1").setDate(LocalDate.parse("2026-03-02"))
                .setNeeding(10).setServed(served).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0)
                .build();
    }

    private static RawRecord raw(MealReport report, long offset) {
        String topic = Topics.MEAL_REPORTS.name();
        return new RawRecord(report.getSchoolId().getBytes(StandardCharsets.UTF_8),
                Topics.MEAL_REPORTS.valueSerde().serializer().serialize(topic, report), topic, 0, offset);
    }

    /** As the registry store holds it: the serde writes back the entry's raw bytes. */
    private static RegistryEntry registered(String schoolId) {
        SchoolProfile profile = SchoolProfile.newBuilder().setSchoolId(schoolId).setName("School " + schoolId).setDistrict("wendeng")
                .setLevel(SchoolLevel.PRIMARY).setRural(true).setBoarding(false).setServesLunch(true)
                .setActive(true).build();
        String topic = Topics.SCHOOL_REGISTRY.name();
        return new RegistryEntry(Topics.SCHOOL_REGISTRY.valueSerde().serializer().serialize(topic, profile), profile,
                null);
    }
}
